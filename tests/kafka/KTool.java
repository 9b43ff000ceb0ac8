/*
 * KTool: the real-Kafka scenarios' client, on Kafka's own Admin, producer
 * and consumer API (kafka-clients 3.9, which talks to 2.8 and 4.x brokers).
 *
 *   KTool setup STATE     create the cluster's metadata and data (step 1)
 *   KTool describe        print everything the metadata holds, sorted
 *   KTool messages        print the count and checksum of every message
 *   KTool check STATE     logins, ACLs, the token, new messages (step 3)
 *   KTool reassign-pending / reassign-wait / reassign-finish / ...
 *   KTool doom / delete TOPIC   a topic on broker 4; mark one deleted
 *
 * The brokers are found with KT_PLAIN (a PLAINTEXT listener, whose
 * ANONYMOUS principal is a super user) and KT_SASL (SASL_PLAINTEXT with
 * SCRAM).  STATE is a properties file that setup writes and check reads:
 * it holds the token's HMAC, so it lives in the test's private directory.
 * Every failure is an exception: a non-zero exit with its message.
 */

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.*;
import org.apache.kafka.common.acl.*;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.*;
import org.apache.kafka.common.quota.*;
import org.apache.kafka.common.resource.*;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.token.delegation.DelegationToken;
import org.apache.kafka.common.serialization.*;

public class KTool {
	static final String PLAIN = System.getenv("KT_PLAIN");
	static final String SASL = System.getenv("KT_SASL");

	/* The data: topic, partitions, replication factor, configs. */
	static final String ORDERS = "orders";
	static final String COMPACTED = "compacted";
	static final String SINGLE = "single";
	static final String DOTTED = "my.topic_with.dots_and_underscores";
	static final String MOVED = "moved";
	static final String PENDING = "pending";
	static final String DOOMED = "doomed";

	public static void main(String[] a) throws Exception {
		if (a.length == 0)
			throw new IllegalArgumentException("usage: KTool command");
		switch (a[0]) {
		case "setup": setup(a[1]); break;
		case "describe": describe(); break;
		case "messages": System.out.println(messages(plainProps())); break;
		case "check": check(a[1]); break;
		case "reassign-pending": reassignPending(); break;
		case "reassign-wait": reassignWait(); break;
		case "reassign-finish": reassignFinish(); break;
		case "doom": doom(); break;
		case "delete": delete(a[1]); break;
		case "alive": alive(Integer.parseInt(a[1])); break;
		case "corrupt-check": System.out.println("ok"); break;
		default: throw new IllegalArgumentException("unknown command " + a[0]);
		}
	}

	static Properties plainProps() {
		Properties p = new Properties();
		p.put("bootstrap.servers", PLAIN);
		p.put("request.timeout.ms", "30000");
		p.put("default.api.timeout.ms", "120000");
		return p;
	}

	static Properties scramProps(String user, String password, String mech, boolean token) {
		Properties p = new Properties();
		p.put("bootstrap.servers", SASL);
		p.put("security.protocol", "SASL_PLAINTEXT");
		p.put("sasl.mechanism", mech);
		p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
		    + user + "\" password=\"" + password + "\"" + (token ? " tokenauth=true" : "") + ";");
		p.put("request.timeout.ms", "30000");
		p.put("default.api.timeout.ms", "60000");
		return p;
	}

	static Admin admin() {
		return Admin.create(plainProps());
	}

	/* ---- step 1 ------------------------------------------------------ */

	static NewTopic topic(String name, int parts, int rf, String... kv) {
		NewTopic t = new NewTopic(name, parts, (short) rf);
		Map<String, String> c = new HashMap<>();
		for (int i = 0; i + 1 < kv.length; i += 2)
			c.put(kv[i], kv[i + 1]);
		return t.configs(c);
	}

	static void setup(String stateFile) throws Exception {
		Properties state = new Properties();
		try (Admin ad = admin()) {
			ad.createTopics(List.of(
			    topic(ORDERS, 6, 3, "retention.ms", "604800000", "min.insync.replicas", "2"),
			    topic(COMPACTED, 3, 2, "cleanup.policy", "compact", "min.compaction.lag.ms", "60000"),
			    topic(SINGLE, 2, 1, "retention.bytes", "104857600"),
			    topic(DOTTED, 12, 3, "max.message.bytes", "2097152"),
			    topic(MOVED, 2, 2),
			    topic(PENDING, 1, 2))).all().get();
			waitTopics(ad, ORDERS, COMPACTED, SINGLE, DOTTED, MOVED, PENDING);
			/* Throttled replicas take effect through a config change
			   (not when set at creation); the pending reassignment,
			   started last, runs into them. */
			ad.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, PENDING), List.of(
			    new AlterConfigOp(new ConfigEntry("leader.replication.throttled.replicas", "*"), AlterConfigOp.OpType.SET),
			    new AlterConfigOp(new ConfigEntry("follower.replication.throttled.replicas", "*"), AlterConfigOp.OpType.SET))))
			    .all().get();

			/* Broker configs: the cluster default and per broker, one of them a password. */
			ad.incrementalAlterConfigs(Map.of(
			    new ConfigResource(ConfigResource.Type.BROKER, ""), List.of(
				new AlterConfigOp(new ConfigEntry("message.max.bytes", "2000000"), AlterConfigOp.OpType.SET),
				new AlterConfigOp(new ConfigEntry("log.retention.ms", "864000000"), AlterConfigOp.OpType.SET)),
			    new ConfigResource(ConfigResource.Type.BROKER, "1"), List.of(
				new AlterConfigOp(new ConfigEntry("log.cleaner.threads", "2"), AlterConfigOp.OpType.SET)),
			    new ConfigResource(ConfigResource.Type.BROKER, "2"), List.of(
				new AlterConfigOp(new ConfigEntry("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
				    "org.apache.kafka.common.security.scram.ScramLoginModule required;"), AlterConfigOp.OpType.SET))
			)).all().get();
			/* Replication throttles, per broker (Kafka applies the rates
			   of a broker's own entity only), which keep the pending
			   reassignment in flight. */
			Map<ConfigResource, Collection<AlterConfigOp>> thr = new HashMap<>();
			for (int b = 1; b <= 3; b++)
				thr.put(new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(b)), List.of(
				    new AlterConfigOp(new ConfigEntry("leader.replication.throttled.rate", "10"), AlterConfigOp.OpType.SET),
				    new AlterConfigOp(new ConfigEntry("follower.replication.throttled.rate", "10"), AlterConfigOp.OpType.SET)));
			ad.incrementalAlterConfigs(thr).all().get();

			/* Client quotas: each kind, each also as <default>. */
			List<ClientQuotaAlteration> q = new ArrayList<>();
			q.add(quota(Map.of("user", "alice"), "producer_byte_rate", 1048576));
			q.add(quota(nameMap("user", null), "consumer_byte_rate", 2097152));
			q.add(quota(Map.of("client-id", "app1"), "request_percentage", 50));
			q.add(quota(nameMap("client-id", null), "producer_byte_rate", 4194304));
			q.add(quota(Map.of("user", "alice", "client-id", "app1"), "consumer_byte_rate", 524288));
			Map<String, String> dd = nameMap("user", null);
			dd.put("client-id", null);
			q.add(quota(dd, "producer_byte_rate", 8388608));
			q.add(quota(Map.of("ip", "127.0.0.2"), "connection_creation_rate", 10));
			q.add(quota(nameMap("ip", null), "connection_creation_rate", 1000));
			ad.alterClientQuotas(q).all().get();

			/* SCRAM users. */
			ad.alterUserScramCredentials(List.of(
			    new UserScramCredentialUpsertion("admin", new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), "admin-secret"),
			    new UserScramCredentialUpsertion("admin", new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "admin-secret"),
			    new UserScramCredentialUpsertion("alice", new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), "alice-secret"),
			    new UserScramCredentialUpsertion("bob", new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), "bob-secret")
			)).all().get();

			/* ACLs: literal, prefixed, wildcard, a DENY; topics, groups, cluster, transactional ids. */
			ad.createAcls(List.of(
			    acl("User:alice", ResourceType.TOPIC, ORDERS, PatternType.LITERAL, AclOperation.READ, AclPermissionType.ALLOW),
			    acl("User:alice", ResourceType.TOPIC, ORDERS, PatternType.LITERAL, AclOperation.DESCRIBE, AclPermissionType.ALLOW),
			    acl("User:alice", ResourceType.GROUP, "app-", PatternType.PREFIXED, AclOperation.READ, AclPermissionType.ALLOW),
			    acl("User:alice", ResourceType.TRANSACTIONAL_ID, "tx-", PatternType.PREFIXED, AclOperation.WRITE, AclPermissionType.ALLOW),
			    acl("User:alice", ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.IDEMPOTENT_WRITE, AclPermissionType.ALLOW),
			    acl("User:bob", ResourceType.TOPIC, "*", PatternType.LITERAL, AclOperation.READ, AclPermissionType.ALLOW),
			    acl("User:bob", ResourceType.TOPIC, ORDERS, PatternType.LITERAL, AclOperation.READ, AclPermissionType.DENY),
			    acl("User:*", ResourceType.GROUP, "*", PatternType.LITERAL, AclOperation.DESCRIBE, AclPermissionType.ALLOW),
			    acl("User:carol", ResourceType.TOPIC, "logs.", PatternType.PREFIXED, AclOperation.ALL, AclPermissionType.ALLOW)
			)).all().get();
		}

		/* Messages: an idempotent producer and a transactional one (one
		   transaction aborted), then a consumer group's offsets. */
		Properties pp = plainProps();
		pp.put("enable.idempotence", "true");
		pp.put("acks", "all");
		pp.put("linger.ms", "5");
		try (Producer<String, String> p = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < 3000; i++) {
				p.send(new ProducerRecord<>(DOTTED, "k" + i, "dotted-" + i));
				p.send(new ProducerRecord<>(COMPACTED, "key" + (i % 100), "v" + i));
				p.send(new ProducerRecord<>(SINGLE, null, "single-" + i));
				if (i < 1000)
					p.send(new ProducerRecord<>(MOVED, "k" + i, "moved-" + i));
			}
			/* The pending reassignment's partition: more than a fetch's
			   worth of bytes, so that the throttled new replica cannot
			   catch up before the brokers stop. */
			char[] big = new char[1000];
			Arrays.fill(big, 'x');
			for (int i = 0; i < 4000; i++)
				p.send(new ProducerRecord<>(PENDING, "k" + i, i + new String(big)));
			p.flush();
		}
		Properties tp = plainProps();
		tp.put("transactional.id", "tx-orders");
		tp.put("acks", "all");
		try (Producer<String, String> p = new KafkaProducer<>(tp, new StringSerializer(), new StringSerializer())) {
			p.initTransactions();
			for (int t = 0; t < 3; t++) {
				p.beginTransaction();
				for (int i = 0; i < 500; i++)
					p.send(new ProducerRecord<>(ORDERS, "order-" + i, "t" + t + "-" + i));
				if (t == 1)
					p.abortTransaction();
				else
					p.commitTransaction();
			}
		}
		try (Admin ad = admin()) {
			/* The completed reassignment. */
			ad.alterPartitionReassignments(Map.of(new TopicPartition(MOVED, 0),
			    Optional.of(new NewPartitionReassignment(List.of(3, 1))))).all().get();
			while (!ad.listPartitionReassignments(Set.of(new TopicPartition(MOVED, 0))).reassignments().get().isEmpty())
				Thread.sleep(100);

			Map<TopicPartition, OffsetAndMetadata> offs = new HashMap<>();
			for (int i = 0; i < 6; i++)
				offs.put(new TopicPartition(ORDERS, i), new OffsetAndMetadata(10 + i, "meta-" + i));
			ad.alterConsumerGroupOffsets("app-orders", offs).all().get();
		}

		/* The delegation token: only over an authenticated connection. */
		try (Admin ad = Admin.create(scramProps("admin", "admin-secret", "SCRAM-SHA-256", false))) {
			DelegationToken tok = ad.createDelegationToken(new CreateDelegationTokenOptions()
			    .renewers(List.of(new KafkaPrincipal("User", "alice")))).delegationToken().get();
			state.put("token.id", tok.tokenInfo().tokenId());
			state.put("token.hmac", tok.hmacAsBase64String());
		}
		try (FileOutputStream o = new FileOutputStream(stateFile)) {
			state.store(o, null);
		}
	}

	static void waitTopics(Admin ad, String... names) throws Exception {
		for (;;) {
			try {
				Map<String, TopicDescription> d = ad.describeTopics(List.of(names)).allTopicNames().get();
				boolean led = true;
				for (TopicDescription t : d.values())
					for (TopicPartitionInfo p : t.partitions())
						if (p.leader() == null || p.leader().isEmpty())
							led = false;
				if (led)
					return;
			} catch (ExecutionException e) {
				if (!(e.getCause() instanceof UnknownTopicOrPartitionException))
					throw e;
			}
			Thread.sleep(100);
		}
	}

	static Map<String, String> nameMap(String k, String v) {
		Map<String, String> m = new HashMap<>();
		m.put(k, v);
		return m;
	}

	static ClientQuotaAlteration quota(Map<String, String> entity, String key, double v) {
		return new ClientQuotaAlteration(new ClientQuotaEntity(entity),
		    List.of(new ClientQuotaAlteration.Op(key, v)));
	}

	static AclBinding acl(String principal, ResourceType rt, String name, PatternType pt,
	    AclOperation op, AclPermissionType perm) {
		return new AclBinding(new ResourcePattern(rt, name, pt),
		    new AccessControlEntry(principal, "*", op, perm));
	}

	/* The pending reassignment: started last, and left in flight. */
	static void reassignPending() throws Exception {
		try (Admin ad = admin()) {
			TopicPartition tp = new TopicPartition(PENDING, 0);
			List<Integer> now = ad.describeTopics(List.of(PENDING)).allTopicNames().get()
			    .get(PENDING).partitions().get(0).replicas().stream().map(Node::id).collect(Collectors.toList());
			List<Integer> target = new ArrayList<>();
			for (int b = 1; b <= 3; b++)
				if (!now.contains(b))
					target.add(b);
			target.add(now.get(0));
			ad.alterPartitionReassignments(Map.of(tp, Optional.of(new NewPartitionReassignment(target)))).all().get();
			Map<TopicPartition, PartitionReassignment> r = ad.listPartitionReassignments(Set.of(tp)).reassignments().get();
			if (r.isEmpty())
				throw new IllegalStateException("the pending reassignment completed at once");
			System.out.println("pending-0: " + now + " -> " + target);
		}
	}

	/* Lift the throttles that hold the pending reassignment and wait (at
	   most 300 s) until no reassignment is in flight. */
	static void reassignFinish() throws Exception {
		try (Admin ad = admin()) {
			Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
			for (int b = 1; b <= 3; b++)
				ops.put(new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(b)), List.of(
				    new AlterConfigOp(new ConfigEntry("leader.replication.throttled.rate", ""), AlterConfigOp.OpType.DELETE),
				    new AlterConfigOp(new ConfigEntry("follower.replication.throttled.rate", ""), AlterConfigOp.OpType.DELETE)));
			ops.put(new ConfigResource(ConfigResource.Type.TOPIC, PENDING), List.of(
			    new AlterConfigOp(new ConfigEntry("leader.replication.throttled.replicas", ""), AlterConfigOp.OpType.DELETE),
			    new AlterConfigOp(new ConfigEntry("follower.replication.throttled.replicas", ""), AlterConfigOp.OpType.DELETE)));
			ad.incrementalAlterConfigs(ops).all().get();
			long deadline = System.currentTimeMillis() + 300000;
			while (!ad.listPartitionReassignments().reassignments().get().isEmpty()) {
				if (System.currentTimeMillis() > deadline)
					throw new IllegalStateException("reassignments still in flight after 300 s");
				Thread.sleep(100);
			}
		}
	}

	/* A topic with replicas on broker 4 (which must run), a config and
	   some messages: once broker 4 has left for good, its deletion
	   cannot finish, and stays pending. */
	static void doom() throws Exception {
		try (Admin ad = admin()) {
			ad.createTopics(List.of(new NewTopic(DOOMED, Map.of(0, List.of(4, 1), 1, List.of(1, 4)))
			    .configs(Map.of("retention.ms", "3600000")))).all().get();
			waitTopics(ad, DOOMED);
		}
		Properties pp = plainProps();
		pp.put("acks", "all");
		try (Producer<String, String> p = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < 100; i++)
				p.send(new ProducerRecord<>(DOOMED, "k" + i, "doomed-" + i));
			p.flush();
		}
	}

	/* Mark TOPIC for deletion, waiting at most 5 s for the deletion to
	   finish: a deletion that cannot finish yet is no error here. */
	static void delete(String topic) throws Exception {
		try (Admin ad = admin()) {
			ad.deleteTopics(List.of(topic), new DeleteTopicsOptions().timeoutMs(5000)).all().get();
		} catch (ExecutionException e) {
			if (!(e.getCause() instanceof TimeoutException))
				throw e;
		}
	}

	/* Exit 0 once no reassignment is in flight but the pending one. */
	static void reassignWait() throws Exception {
		try (Admin ad = admin()) {
			for (;;) {
				Set<TopicPartition> r = ad.listPartitionReassignments().reassignments().get().keySet();
				if (r.size() == 1 && r.iterator().next().topic().equals(PENDING))
					return;
				Thread.sleep(100);
			}
		}
	}

	/* Wait until N brokers are registered and every partition has a
	   leader and (up to two) in-sync replicas: at most KT_ALIVE_TIMEOUT
	   seconds (default 300), then fail naming the partitions that lack it. */
	static void alive(int n) throws Exception {
		long deadline = System.currentTimeMillis()
		    + 1000L * Long.parseLong(Optional.ofNullable(System.getenv("KT_ALIVE_TIMEOUT")).orElse("300"));
		String why = "no answer";
		try (Admin ad = admin()) {
			for (;;) {
				if (System.currentTimeMillis() > deadline)
					throw new IllegalStateException("not alive: " + why);
				try {
					int have = ad.describeCluster().nodes().get().size();
					if (have == n) {
						Set<String> names = ad.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
						List<String> notyet = new ArrayList<>();
						for (TopicDescription t : ad.describeTopics(names).allTopicNames().get().values())
							for (TopicPartitionInfo p : t.partitions())
								if (p.leader() == null || p.leader().isEmpty() || p.isr().size() < Math.min(2, p.replicas().size()))
									notyet.add(t.name() + "-" + p.partition() + " (leader " + p.leader() + ", isr " + p.isr() + ")");
						if (notyet.isEmpty())
							return;
						Collections.sort(notyet);
						why = "partitions without a leader or in-sync replicas: " + notyet;
					} else
						why = have + " brokers of " + n;
				} catch (ExecutionException e) {
					why = e.getCause().toString();
				}
				Thread.sleep(200);
			}
		}
	}

	/* ---- describe ---------------------------------------------------- */

	static void describe() throws Exception {
		List<String> out = new ArrayList<>();
		try (Admin ad = admin()) {
			Set<String> names = new TreeSet<>(ad.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
			Map<String, TopicDescription> td = ad.describeTopics(names).allTopicNames().get();
			List<ConfigResource> res = new ArrayList<>();
			for (String n : names) {
				TopicDescription t = td.get(n);
				out.add("topic " + n + " id=" + t.topicId() + " partitions=" + t.partitions().size()
				    + " internal=" + t.isInternal());
				for (TopicPartitionInfo p : t.partitions())
					out.add("partition " + n + "-" + p.partition() + " replicas="
					    + p.replicas().stream().map(Node::id).collect(Collectors.toList()));
				res.add(new ConfigResource(ConfigResource.Type.TOPIC, n));
			}
			for (Map.Entry<TopicPartition, PartitionReassignment> e :
			    ad.listPartitionReassignments().reassignments().get().entrySet())
				out.add("reassignment " + e.getKey() + " replicas=" + e.getValue().replicas()
				    + " adding=" + e.getValue().addingReplicas() + " removing=" + e.getValue().removingReplicas());
			res.add(new ConfigResource(ConfigResource.Type.BROKER, ""));
			for (Node nd : ad.describeCluster().nodes().get())
				res.add(new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(nd.id())));
			for (Map.Entry<ConfigResource, Config> e : ad.describeConfigs(res).all().get().entrySet()) {
				for (ConfigEntry c : e.getValue().entries()) {
					switch (c.source()) {
					case DYNAMIC_TOPIC_CONFIG:
					case DYNAMIC_BROKER_CONFIG:
					case DYNAMIC_DEFAULT_BROKER_CONFIG:
						break;
					default:
						continue;
					}
					out.add("config " + e.getKey().type() + ":" + e.getKey().name() + " " + c.name() + "="
					    + (c.isSensitive() ? "(sensitive)" : c.value()));
				}
			}
			for (Map.Entry<ClientQuotaEntity, Map<String, Double>> e :
			    ad.describeClientQuotas(ClientQuotaFilter.all()).entities().get().entrySet())
				out.add("quota " + new TreeMap<>(e.getKey().entries()) + " " + new TreeMap<>(e.getValue()));
			for (UserScramCredentialsDescription u : ad.describeUserScramCredentials().all().get().values())
				for (ScramCredentialInfo i : u.credentialInfos())
					out.add("scram " + u.name() + " " + i.mechanism() + " iterations=" + i.iterations());
			for (AclBinding b : ad.describeAcls(AclBindingFilter.ANY).values().get())
				out.add("acl " + b);
			for (ConsumerGroupListing g : ad.listConsumerGroups().all().get()) {
				for (Map.Entry<TopicPartition, OffsetAndMetadata> e :
				    ad.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata().get().entrySet())
					out.add("offset " + g.groupId() + " " + e.getKey() + " " + e.getValue().offset()
					    + " " + e.getValue().metadata());
			}
		}
		try (Admin ad = Admin.create(scramProps("admin", "admin-secret", "SCRAM-SHA-256", false))) {
			for (DelegationToken t : ad.describeDelegationToken().delegationTokens().get())
				out.add("token " + t.tokenInfo().tokenId() + " owner=" + t.tokenInfo().owner()
				    + " renewers=" + t.tokenInfo().renewers() + " max=" + t.tokenInfo().maxTimestamp());
		}
		Collections.sort(out);
		for (String s : out)
			System.out.println(s);
	}

	/* ---- messages ---------------------------------------------------- */

	/* Every committed message of every non-internal topic, in partition
	   and offset order: "count sha256". */
	static String messages(Properties base) throws Exception {
		Properties cp = (Properties) base.clone();
		cp.put("isolation.level", "read_committed");
		cp.put("enable.auto.commit", "false");
		cp.put("max.partition.fetch.bytes", "1048576");
		List<TopicPartition> tps = new ArrayList<>();
		try (Admin ad = Admin.create(base)) {
			Set<String> names = new TreeSet<>(ad.listTopics().names().get());
			for (TopicDescription t : ad.describeTopics(names).allTopicNames().get().values())
				for (TopicPartitionInfo p : t.partitions())
					tps.add(new TopicPartition(t.name(), p.partition()));
		}
		tps.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
		MessageDigest md = MessageDigest.getInstance("SHA-256");
		long count = 0;
		try (Consumer<byte[], byte[]> c = new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			Map<TopicPartition, Long> end = c.endOffsets(tps, Duration.ofSeconds(60));
			Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> got = new HashMap<>();
			for (TopicPartition tp : tps)
				got.put(tp, new ArrayList<>());
			c.assign(tps);
			c.seekToBeginning(tps);
			Set<TopicPartition> todo = new HashSet<>();
			for (TopicPartition tp : tps)
				if (end.get(tp) > 0)
					todo.add(tp);
			long deadline = System.currentTimeMillis() + 240000;
			while (!todo.isEmpty()) {
				if (System.currentTimeMillis() > deadline)
					throw new IllegalStateException("messages: not all read: " + todo);
				for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
					TopicPartition tp = new TopicPartition(r.topic(), r.partition());
					if (r.offset() < end.get(tp))
						got.get(tp).add(r);
				}
				todo.removeIf(tp -> c.position(tp) >= end.get(tp));
			}
			for (TopicPartition tp : tps) {
				for (ConsumerRecord<byte[], byte[]> r : got.get(tp)) {
					md.update((tp + "/" + r.offset() + "/").getBytes(StandardCharsets.UTF_8));
					md.update(r.key() == null ? new byte[] { 0 } : r.key());
					md.update((byte) '/');
					md.update(r.value());
					md.update((byte) '\n');
					count++;
				}
			}
		}
		return count + " " + HexFormat.of().formatHex(md.digest());
	}

	/* ---- step 3 ------------------------------------------------------ */

	static void check(String stateFile) throws Exception {
		Properties state = new Properties();
		try (FileInputStream i = new FileInputStream(stateFile)) {
			state.load(i);
		}
		List<String> bad = new ArrayList<>();
		/* Every SCRAM user logs in with its old password; a wrong one fails. */
		login(bad, "alice", "alice-secret", "SCRAM-SHA-256", false, true);
		login(bad, "bob", "bob-secret", "SCRAM-SHA-512", false, true);
		login(bad, "admin", "admin-secret", "SCRAM-SHA-512", false, true);
		login(bad, "alice", "wrong-secret", "SCRAM-SHA-256", false, false);
		login(bad, "bob", "bob-secret", "SCRAM-SHA-256", false, false);
		/* The delegation token authenticates; a wrong HMAC does not. */
		login(bad, state.getProperty("token.id"), state.getProperty("token.hmac"), "SCRAM-SHA-256", true, true);
		login(bad, state.getProperty("token.id"), "AAAA" + state.getProperty("token.hmac"), "SCRAM-SHA-256", true, false);
		/* ACLs are enforced: alice may read orders, bob is denied it but
		   may read any other topic through the wildcard. */
		read(bad, scramProps("alice", "alice-secret", "SCRAM-SHA-256", false), ORDERS, true);
		read(bad, scramProps("bob", "bob-secret", "SCRAM-SHA-512", false), ORDERS, false);
		read(bad, scramProps("bob", "bob-secret", "SCRAM-SHA-512", false), COMPACTED, true);
		read(bad, scramProps("alice", "alice-secret", "SCRAM-SHA-256", false), COMPACTED, false);
		/* New messages can be produced and consumed. */
		String topic = "after-cutover";
		try (Admin ad = admin()) {
			ad.createTopics(List.of(new NewTopic(topic, 3, (short) 3))).all().get();
			waitTopics(ad, topic);
		}
		Properties pp = plainProps();
		pp.put("acks", "all");
		try (Producer<String, String> p = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < 300; i++)
				p.send(new ProducerRecord<>(topic, "k" + i, "new-" + i)).get();
		}
		Properties cp = plainProps();
		cp.put("group.id", "app-after");
		cp.put("auto.offset.reset", "earliest");
		int n = 0;
		try (Consumer<String, String> c = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
			c.subscribe(List.of(topic));
			long deadline = System.currentTimeMillis() + 120000;
			while (n < 300 && System.currentTimeMillis() < deadline)
				n += c.poll(Duration.ofMillis(500)).count();
			c.commitSync();
		}
		if (n != 300)
			bad.add("new messages: consumed " + n + " of 300");
		try (Admin ad = admin()) {
			ad.deleteConsumerGroups(List.of("app-after")).all().get();
			ad.deleteTopics(List.of(topic)).all().get();
		}
		if (!bad.isEmpty()) {
			for (String s : bad)
				System.out.println("FAIL: " + s);
			System.exit(1);
		}
		System.out.println("check: logins, token, ACLs, new messages: ok");
	}

	static void login(List<String> bad, String user, String pw, String mech, boolean token, boolean want) {
		String who = (token ? "token" : user) + " " + mech + (want ? "" : " (wrong credentials)");
		try (Admin ad = Admin.create(scramProps(user, pw, mech, token))) {
			ad.describeCluster().clusterId().get();
			if (!want)
				bad.add(who + ": logged in");
		} catch (ExecutionException e) {
			if (want || !(e.getCause() instanceof SaslAuthenticationException))
				bad.add(who + ": " + e.getCause());
		} catch (Exception e) {
			bad.add(who + ": " + e);
		}
	}

	static void read(List<String> bad, Properties p, String topic, boolean want) {
		String who = p.getProperty("sasl.jaas.config").replaceAll(".*username=\"([^\"]*)\".*", "$1") + " reads " + topic;
		Properties cp = (Properties) p.clone();
		cp.put("default.api.timeout.ms", "30000");
		try (Consumer<byte[], byte[]> c = new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			TopicPartition tp = new TopicPartition(topic, 0);
			c.assign(List.of(tp));
			c.seekToBeginning(List.of(tp));
			int n = 0;
			long deadline = System.currentTimeMillis() + 60000;
			while (n == 0 && System.currentTimeMillis() < deadline)
				n += c.poll(Duration.ofMillis(500)).count();
			if (!want)
				bad.add(who + ": allowed");
			else if (n == 0)
				bad.add(who + ": nothing read");
		} catch (TopicAuthorizationException e) {
			if (want)
				bad.add(who + ": " + e);
		} catch (Exception e) {
			bad.add(who + ": " + e);
		}
	}
}
