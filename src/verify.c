/*
 * Comparing images (see verify.h).  Both sides are sorted the same way
 * (image_finish), so each kind is a merge of two sorted lists.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "buf.h"
#include "jnum.h"
#include "policy.h"
#include "verify.h"
#include "xmalloc.h"

#define VERIFY_REDACTED_DIFF "[redacted, differs]"

enum {
	VK_FEATURE,
	VK_TOPIC,
	VK_PARTITION,
	VK_CONFIG,
	VK_QUOTA,
	VK_SCRAM,
	VK_ACL,
	VK_TOKEN,
	VK_PRODUCER_IDS,
};

static const char *const verify_kinds[] = {
    "feature",
    "topic",
    "partition",
    "config",
    "quota",
    "scram",
    "acl",
    "token",
    "producer-ids",
};

const char *
verify_kind_name(size_t i)
{
	return i < sizeof verify_kinds / sizeof verify_kinds[0]
	    ? verify_kinds[i]
	    : NULL;
}

const char *
verify_class_name(enum verify_class c)
{
	switch (c) {
	case VERIFY_MISSING:
		return "missing-in-kraft";
	case VERIFY_EXTRA:
		return "extra-in-kraft";
	case VERIFY_CHANGED:
		return "changed";
	case VERIFY_DRIFT:
		break;
	}
	return "expected-drift";
}

/* Text formatted into the result's arena. */
#define verify_fmt(r, ...) arena_printf(&(r)->arena, __VA_ARGS__)

static void
verify_add(struct verify_result *r, enum verify_class cls, size_t kind,
    const char *object, const char *field, const char *zk, const char *kraft)
{
	struct verify_diff *d;

	if (r->n == r->cap) {
		r->cap = r->cap == 0 ? 16 : r->cap * 2;
		r->diffs = xreallocarray(r->diffs, r->cap, sizeof *r->diffs);
	}
	d = &r->diffs[r->n++];
	d->cls = cls;
	d->kind = verify_kinds[kind];
	d->object = object;
	d->field = field;
	d->zk = zk;
	d->kraft = kraft;
	r->counts[cls]++;
}

static char *
verify_ints(struct verify_result *r, const struct image_i32s *a)
{
	struct buf b = {0};
	char num[16];
	size_t i;
	char *s;

	buf_put_u8(&b, '[');
	for (i = 0; i < a->n; i++) {
		int n = snprintf(
		    num, sizeof num, "%s%d", i > 0 ? ", " : "", a->v[i]);

		buf_put(&b, num, (size_t)n);
	}
	buf_put(&b, "]", 2);
	s = arena_strndup(&r->arena, (const char *)b.data, b.len - 1);
	buf_free(&b);
	return s;
}

static bool
verify_ints_eq(const struct image_i32s *a, const struct image_i32s *b)
{
	return a->n == b->n &&
	    (a->n == 0 || memcmp(a->v, b->v, a->n * sizeof *a->v) == 0);
}

static char *
verify_uuid(struct verify_result *r, const struct kuuid *u)
{
	char s[B64_UUID_LEN + 1];

	return arena_strndup(&r->arena, b64_uuid_str(u, s), B64_UUID_LEN);
}

/* A partition's name, formatted on its first difference only: equal
 * partitions, nearly all of them, cost no formatting. */
struct verify_part {
	const char *topic;
	int32_t id;
	const char *obj;
};

static const char *
verify_part_obj(struct verify_result *r, struct verify_part *vp)
{
	if (vp->obj == NULL)
		vp->obj =
		    verify_fmt(r, "topic %s partition %d", vp->topic, vp->id);
	return vp->obj;
}

static void
verify_partition(struct verify_result *r, const char *topic,
    const struct image_partition *z, const struct image_partition *k)
{
	struct verify_part vp = {topic, z->id, NULL};
	bool drift_epochs;

#define VERIFY_INT(field, a, b, cls)                                           \
	do {                                                                   \
		if ((a) != (b))                                                \
			verify_add(r, (cls), VK_PARTITION,                     \
			    verify_part_obj(r, &vp), (field),                  \
			    verify_fmt(r, "%d", (int)(a)),                     \
			    verify_fmt(r, "%d", (int)(b)));                    \
	} while (0)
	if (!verify_ints_eq(&z->replicas, &k->replicas))
		verify_add(r, VERIFY_CHANGED, VK_PARTITION,
		    verify_part_obj(r, &vp), "replicas",
		    verify_ints(r, &z->replicas), verify_ints(r, &k->replicas));
	/* A running KRaft cluster moves epochs on and changes the ISR and
	 * the leader; the epochs never go back. */
	drift_epochs = k->leader_epoch >= z->leader_epoch &&
	    k->partition_epoch >= z->partition_epoch;
	if (!verify_ints_eq(&z->isr, &k->isr))
		verify_add(r,
		    drift_epochs && k->partition_epoch > z->partition_epoch
			? VERIFY_DRIFT
			: VERIFY_CHANGED,
		    VK_PARTITION, verify_part_obj(r, &vp), "isr",
		    verify_ints(r, &z->isr), verify_ints(r, &k->isr));
	VERIFY_INT("leader", z->leader, k->leader,
	    drift_epochs && k->leader_epoch > z->leader_epoch ? VERIFY_DRIFT
							      : VERIFY_CHANGED);
	VERIFY_INT("leader_epoch", z->leader_epoch, k->leader_epoch,
	    k->leader_epoch > z->leader_epoch ? VERIFY_DRIFT : VERIFY_CHANGED);
	VERIFY_INT("partition_epoch", z->partition_epoch, k->partition_epoch,
	    k->partition_epoch > z->partition_epoch ? VERIFY_DRIFT
						    : VERIFY_CHANGED);
	if (!verify_ints_eq(&z->adding, &k->adding))
		verify_add(r, VERIFY_CHANGED, VK_PARTITION,
		    verify_part_obj(r, &vp), "adding_replicas",
		    verify_ints(r, &z->adding), verify_ints(r, &k->adding));
	if (!verify_ints_eq(&z->removing, &k->removing))
		verify_add(r, VERIFY_CHANGED, VK_PARTITION,
		    verify_part_obj(r, &vp), "removing_replicas",
		    verify_ints(r, &z->removing), verify_ints(r, &k->removing));
	VERIFY_INT("leader_recovery_state", z->leader_recovery_state,
	    k->leader_recovery_state, VERIFY_CHANGED);
	/* Drift needs a change record: a PartitionRecord at ZooKeeper's own
	 * epochs is the migrated state, and must hold ZooKeeper's leader and
	 * ISR exactly, however the running cluster moved on since. */
	if (k->has_record && k->record_leader_epoch == z->leader_epoch &&
	    k->record_partition_epoch == z->partition_epoch) {
		VERIFY_INT("leader (as migrated)", z->leader, k->record_leader,
		    VERIFY_CHANGED);
		if (!verify_ints_eq(&z->isr, &k->record_isr))
			verify_add(r, VERIFY_CHANGED, VK_PARTITION,
			    verify_part_obj(r, &vp), "isr (as migrated)",
			    verify_ints(r, &z->isr),
			    verify_ints(r, &k->record_isr));
	}
#undef VERIFY_INT
}

static void
verify_topics(
    struct verify_result *r, const struct image *z, const struct image *k)
{
	size_t i = 0, j = 0, a, b;
	int c;

	while (i < z->ntopics || j < k->ntopics) {
		const struct image_topic *zt =
		    i < z->ntopics ? &z->topics[i] : NULL;
		const struct image_topic *kt =
		    j < k->ntopics ? &k->topics[j] : NULL;

		c = zt == NULL   ? 1
		    : kt == NULL ? -1
				 : strcmp(zt->name, kt->name);
		r->compared[VK_TOPIC]++;
		if (c < 0) {
			verify_add(r, VERIFY_MISSING, VK_TOPIC,
			    verify_fmt(r, "topic %s", zt->name), NULL,
			    verify_fmt(r, "id %s, %zu partitions",
				verify_uuid(r, &zt->id), zt->npartitions),
			    NULL);
			i++;
			continue;
		}
		if (c > 0) {
			verify_add(r, VERIFY_EXTRA, VK_TOPIC,
			    verify_fmt(r, "topic %s", kt->name), NULL, NULL,
			    verify_fmt(r, "id %s, %zu partitions",
				verify_uuid(r, &kt->id), kt->npartitions));
			j++;
			continue;
		}
		if (memcmp(zt->id.b, kt->id.b, 16) != 0)
			verify_add(r, VERIFY_CHANGED, VK_TOPIC,
			    verify_fmt(r, "topic %s", zt->name), "id",
			    verify_uuid(r, &zt->id), verify_uuid(r, &kt->id));
		for (a = 0, b = 0;
		     a < zt->npartitions || b < kt->npartitions;) {
			const struct image_partition *zp =
			    a < zt->npartitions ? &zt->partitions[a] : NULL;
			const struct image_partition *kp =
			    b < kt->npartitions ? &kt->partitions[b] : NULL;

			r->compared[VK_PARTITION]++;
			if (kp == NULL || (zp != NULL && zp->id < kp->id)) {
				verify_add(r, VERIFY_MISSING, VK_PARTITION,
				    verify_fmt(r, "topic %s partition %d",
					zt->name, zp->id),
				    NULL, verify_ints(r, &zp->replicas), NULL);
				a++;
			} else if (zp == NULL || kp->id < zp->id) {
				verify_add(r, VERIFY_EXTRA, VK_PARTITION,
				    verify_fmt(r, "topic %s partition %d",
					kt->name, kp->id),
				    NULL, NULL, verify_ints(r, &kp->replicas));
				b++;
			} else {
				verify_partition(r, zt->name, zp, kp);
				a++;
				b++;
			}
		}
		i++;
		j++;
	}
}

static const char *
verify_config_name(struct verify_result *r, const struct image_config *c)
{
	if (c->resource_type == 2)
		return verify_fmt(r, "topic %s config %s", c->resource, c->key);
	if (c->resource_type == 4)
		return verify_fmt(r, "broker %s config %s",
		    c->resource[0] == '\0' ? "<default>" : c->resource, c->key);
	return verify_fmt(r, "resource type %d %s config %s", c->resource_type,
	    c->resource, c->key);
}

static void
verify_configs(
    struct verify_result *r, const struct image *z, const struct image *k)
{
	size_t i = 0, j = 0;
	int c;

	while (i < z->nconfigs || j < k->nconfigs) {
		const struct image_config *zc =
		    i < z->nconfigs ? &z->configs[i] : NULL;
		const struct image_config *kc =
		    j < k->nconfigs ? &k->configs[j] : NULL;
		bool secret;

		c = zc == NULL ? 1 : kc == NULL ? -1 : image_config_cmp(zc, kc);
		r->compared[VK_CONFIG]++;
		if (c < 0) {
			verify_add(r, VERIFY_MISSING, VK_CONFIG,
			    verify_config_name(r, zc), NULL,
			    policy_config_value(zc->key, zc->value), NULL);
			i++;
		} else if (c > 0) {
			verify_add(r, VERIFY_EXTRA, VK_CONFIG,
			    verify_config_name(r, kc), NULL, NULL,
			    policy_config_value(kc->key, kc->value));
			j++;
		} else {
			secret = policy_config_sensitive(zc->key);
			if (strcmp(zc->value, kc->value) != 0)
				verify_add(r, VERIFY_CHANGED, VK_CONFIG,
				    verify_config_name(r, zc), "value",
				    secret ? VERIFY_REDACTED_DIFF : zc->value,
				    secret ? VERIFY_REDACTED_DIFF : kc->value);
			i++;
			j++;
		}
	}
}

static char *
verify_double(struct verify_result *r, double d)
{
	struct buf b = {0};
	char *s;

	jnum_put_double(&b, d);
	s = arena_strndup(&r->arena, (const char *)b.data, b.len);
	buf_free(&b);
	return s;
}

static void
verify_quotas(
    struct verify_result *r, const struct image *z, const struct image *k)
{
	size_t i = 0, j = 0;
	int c;

	while (i < z->nquotas || j < k->nquotas) {
		const struct image_quota *zq =
		    i < z->nquotas ? &z->quotas[i] : NULL;
		const struct image_quota *kq =
		    j < k->nquotas ? &k->quotas[j] : NULL;

		c = zq == NULL   ? 1
		    : kq == NULL ? -1
				 : strcmp(zq->entity, kq->entity);
		if (c == 0)
			c = strcmp(zq->key, kq->key);
		r->compared[VK_QUOTA]++;
		if (c < 0) {
			verify_add(r, VERIFY_MISSING, VK_QUOTA,
			    verify_fmt(r, "quota %s %s", zq->entity, zq->key),
			    NULL, verify_double(r, zq->value), NULL);
			i++;
		} else if (c > 0) {
			verify_add(r, VERIFY_EXTRA, VK_QUOTA,
			    verify_fmt(r, "quota %s %s", kq->entity, kq->key),
			    NULL, NULL, verify_double(r, kq->value));
			j++;
		} else {
			/* Bit for bit: NaN equals NaN. */
			if (memcmp(&zq->value, &kq->value, sizeof zq->value) !=
			    0)
				verify_add(r, VERIFY_CHANGED, VK_QUOTA,
				    verify_fmt(
					r, "quota %s %s", zq->entity, zq->key),
				    "value", verify_double(r, zq->value),
				    verify_double(r, kq->value));
			i++;
			j++;
		}
	}
}

static bool
verify_bytes_eq(const struct kbytes *a, const struct kbytes *b)
{
	return a->len == b->len &&
	    (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

static const char *
verify_mech(int8_t m)
{
	return m == 1 ? "SCRAM-SHA-256" : m == 2 ? "SCRAM-SHA-512" : "unknown";
}

static void
verify_scram(
    struct verify_result *r, const struct image *z, const struct image *k)
{
	size_t i = 0, j = 0;
	int c;

	while (i < z->nscram || j < k->nscram) {
		const struct image_scram *zs =
		    i < z->nscram ? &z->scram[i] : NULL;
		const struct image_scram *ks =
		    j < k->nscram ? &k->scram[j] : NULL;
		const char *obj;

		c = zs == NULL   ? 1
		    : ks == NULL ? -1
				 : strcmp(zs->user, ks->user);
		if (c == 0)
			c = zs->mechanism - ks->mechanism;
		r->compared[VK_SCRAM]++;
		if (c < 0) {
			verify_add(r, VERIFY_MISSING, VK_SCRAM,
			    verify_fmt(r, "user %s %s", zs->user,
				verify_mech(zs->mechanism)),
			    NULL, POLICY_REDACTED, NULL);
			i++;
			continue;
		}
		if (c > 0) {
			verify_add(r, VERIFY_EXTRA, VK_SCRAM,
			    verify_fmt(r, "user %s %s", ks->user,
				verify_mech(ks->mechanism)),
			    NULL, NULL, POLICY_REDACTED);
			j++;
			continue;
		}
		obj = verify_fmt(
		    r, "user %s %s", zs->user, verify_mech(zs->mechanism));
		if (zs->iterations != ks->iterations)
			verify_add(r, VERIFY_CHANGED, VK_SCRAM, obj,
			    "iterations", verify_fmt(r, "%d", zs->iterations),
			    verify_fmt(r, "%d", ks->iterations));
		if (!verify_bytes_eq(&zs->salt, &ks->salt))
			verify_add(r, VERIFY_CHANGED, VK_SCRAM, obj, "salt",
			    VERIFY_REDACTED_DIFF, VERIFY_REDACTED_DIFF);
		if (!verify_bytes_eq(&zs->stored_key, &ks->stored_key))
			verify_add(r, VERIFY_CHANGED, VK_SCRAM, obj,
			    "stored_key", VERIFY_REDACTED_DIFF,
			    VERIFY_REDACTED_DIFF);
		if (!verify_bytes_eq(&zs->server_key, &ks->server_key))
			verify_add(r, VERIFY_CHANGED, VK_SCRAM, obj,
			    "server_key", VERIFY_REDACTED_DIFF,
			    VERIFY_REDACTED_DIFF);
		i++;
		j++;
	}
}

/* Kafka's enum names (zookeeper-layout.md section 6), or the code. */
static const char *
verify_code(
    struct verify_result *r, const char *const *names, size_t n, int code)
{
	if (code >= 0 && (size_t)code < n && names[code] != NULL)
		return names[code];
	return verify_fmt(r, "%d", code);
}

static const char *
verify_acl_text(struct verify_result *r, const struct image_acl *a)
{
	static const char *const types[] = {NULL, NULL, "TOPIC", "GROUP",
	    "CLUSTER", "TRANSACTIONAL_ID", "DELEGATION_TOKEN", "USER"};
	static const char *const patterns[] = {
	    NULL, NULL, NULL, "LITERAL", "PREFIXED"};
	static const char *const ops[] = {NULL, NULL, "ALL", "READ", "WRITE",
	    "CREATE", "DELETE", "ALTER", "DESCRIBE", "CLUSTER_ACTION",
	    "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE",
	    "CREATE_TOKENS", "DESCRIBE_TOKENS"};
	static const char *const perms[] = {NULL, NULL, "DENY", "ALLOW"};

	return verify_fmt(r, "acl %s %s %s: %s %s %s from %s",
	    verify_code(r, types, 8, a->resource_type),
	    verify_code(r, patterns, 5, a->pattern_type), a->resource_name,
	    a->principal, verify_code(r, perms, 4, a->permission),
	    verify_code(r, ops, 15, a->operation), a->host);
}

static void
verify_acls(
    struct verify_result *r, const struct image *z, const struct image *k)
{
	size_t i = 0, j = 0;
	int c;

	/* By content: ids are random (Kafka) or derived (zk2kraft). */
	while (i < z->nacls || j < k->nacls) {
		const struct image_acl *za = i < z->nacls ? &z->acls[i] : NULL;
		const struct image_acl *ka = j < k->nacls ? &k->acls[j] : NULL;

		c = za == NULL ? 1 : ka == NULL ? -1 : image_acl_cmp(za, ka);
		r->compared[VK_ACL]++;
		if (c < 0) {
			verify_add(r, VERIFY_MISSING, VK_ACL,
			    verify_acl_text(r, za), NULL, "present", NULL);
			i++;
		} else if (c > 0) {
			verify_add(r, VERIFY_EXTRA, VK_ACL,
			    verify_acl_text(r, ka), NULL, NULL, "present");
			j++;
		} else {
			/* The same entry twice on one side (distinct ids):
			 * both sides keep one per id. */
			i++;
			j++;
		}
	}
}

static char *
verify_strs(struct verify_result *r, const char *const *v, size_t n)
{
	struct buf b = {0};
	size_t i;
	char *s;

	buf_put_u8(&b, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_put(&b, ", ", 2);
		buf_put(&b, v[i], strlen(v[i]));
	}
	buf_put_u8(&b, ']');
	s = arena_strndup(&r->arena, (const char *)b.data, b.len);
	buf_free(&b);
	return s;
}

static void
verify_tokens(
    struct verify_result *r, const struct image *z, const struct image *k)
{
	size_t i = 0, j = 0, x;
	int c;

	while (i < z->ntokens || j < k->ntokens) {
		const struct image_token *zt =
		    i < z->ntokens ? &z->tokens[i] : NULL;
		const struct image_token *kt =
		    j < k->ntokens ? &k->tokens[j] : NULL;
		const char *obj;
		bool same;

		c = zt == NULL   ? 1
		    : kt == NULL ? -1
				 : strcmp(zt->token_id, kt->token_id);
		r->compared[VK_TOKEN]++;
		if (c < 0) {
			verify_add(r, VERIFY_MISSING, VK_TOKEN,
			    verify_fmt(r, "token %s", zt->token_id), NULL,
			    zt->owner, NULL);
			i++;
			continue;
		}
		if (c > 0) {
			verify_add(r, VERIFY_EXTRA, VK_TOKEN,
			    verify_fmt(r, "token %s", kt->token_id), NULL, NULL,
			    kt->owner);
			j++;
			continue;
		}
		obj = verify_fmt(r, "token %s", zt->token_id);
		if (strcmp(zt->owner, kt->owner) != 0)
			verify_add(r, VERIFY_CHANGED, VK_TOKEN, obj, "owner",
			    zt->owner, kt->owner);
		if (strcmp(zt->requester, kt->requester) != 0)
			verify_add(r, VERIFY_CHANGED, VK_TOKEN, obj,
			    "requester", zt->requester, kt->requester);
		same = zt->nrenewers == kt->nrenewers;
		for (x = 0; same && x < zt->nrenewers; x++)
			same = strcmp(zt->renewers[x], kt->renewers[x]) == 0;
		if (!same)
			verify_add(r, VERIFY_CHANGED, VK_TOKEN, obj, "renewers",
			    verify_strs(r, zt->renewers, zt->nrenewers),
			    verify_strs(r, kt->renewers, kt->nrenewers));
#define VERIFY_TS(name, f)                                                     \
	do {                                                                   \
		if (zt->f != kt->f)                                            \
			verify_add(r, VERIFY_CHANGED, VK_TOKEN, obj, name,     \
			    verify_fmt(r, "%" PRId64, zt->f),                  \
			    verify_fmt(r, "%" PRId64, kt->f));                 \
	} while (0)
		VERIFY_TS("issue_timestamp", issue_timestamp);
		VERIFY_TS("max_timestamp", max_timestamp);
		VERIFY_TS("expiration_timestamp", expiration_timestamp);
#undef VERIFY_TS
		i++;
		j++;
	}
}

static void
verify_features(
    struct verify_result *r, const struct image *z, const struct image *k)
{
	r->compared[VK_FEATURE]++;
	if (z->metadata_version != k->metadata_version)
		verify_add(r, VERIFY_CHANGED, VK_FEATURE, "metadata.version",
		    "level", verify_fmt(r, "%d", z->metadata_version),
		    verify_fmt(r, "%d", k->metadata_version));
}

static void
verify_producer_ids(
    struct verify_result *r, const struct image *z, const struct image *k)
{
	r->compared[VK_PRODUCER_IDS]++;
	if (!z->has_producer_ids)
		return; /* KRaft may have allocated ids since */
	if (!k->has_producer_ids)
		verify_add(r, VERIFY_MISSING, VK_PRODUCER_IDS, "producer ids",
		    "next_producer_id",
		    verify_fmt(r, "%" PRId64, z->next_producer_id), NULL);
	else if (k->next_producer_id < z->next_producer_id)
		/* Lower would hand out ids again: a real difference.  Higher
		 * is KRaft allocating blocks since the migration. */
		verify_add(r, VERIFY_CHANGED, VK_PRODUCER_IDS, "producer ids",
		    "next_producer_id",
		    verify_fmt(r, "%" PRId64, z->next_producer_id),
		    verify_fmt(r, "%" PRId64, k->next_producer_id));
}

void
verify_compare(
    struct verify_result *r, const struct image *zk, const struct image *kraft)
{
	verify_features(r, zk, kraft);
	verify_topics(r, zk, kraft);
	verify_configs(r, zk, kraft);
	verify_quotas(r, zk, kraft);
	verify_scram(r, zk, kraft);
	verify_acls(r, zk, kraft);
	verify_tokens(r, zk, kraft);
	verify_producer_ids(r, zk, kraft);
}

size_t
verify_differences(const struct verify_result *r, bool strict)
{
	return r->counts[VERIFY_MISSING] + r->counts[VERIFY_EXTRA] +
	    r->counts[VERIFY_CHANGED] + (strict ? r->counts[VERIFY_DRIFT] : 0);
}

void
verify_free(struct verify_result *r)
{
	if (r == NULL)
		return;
	free(r->diffs);
	arena_free(&r->arena);
	memset(r, 0, sizeof *r);
}
