/*
 * Kafka's log directory rules (logdir.c) and the .properties reader
 * (props.c): the cases Kafka's own code decides, one by one.  Then what
 * check-broker --apply (brokerck.c) does when something happens between
 * writing a partition.metadata and moving it into place.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include "b64.h"
#include "brokerck.h"
#include "image.h"
#include "logdir.h"
#include "props.h"

static struct props p;

static void
setup(void)
{
	p = (struct props){0};
}

static void
teardown(void)
{
	props_free(&p);
#ifdef __SANITIZE_ADDRESS__
	if (__lsan_do_recoverable_leak_check() != 0)
		abort();
#endif
}

TestSuite(logdir, .init = setup, .fini = teardown);

static bool
name(const char *s, const char *topic, int32_t partition, enum logdir_kind kind)
{
	struct logdir_name ln;

	if (!logdir_parse_name(s, &ln))
		return false;
	return ln.topic_len == strlen(topic) &&
	    strncmp(s, topic, ln.topic_len) == 0 && ln.partition == partition &&
	    ln.kind == kind;
}

Test(logdir, partition_names_parse_like_local_log)
{
	cr_assert(name("orders-0", "orders", 0, LOGDIR_CURRENT));
	cr_assert(name("my-topic-12", "my-topic", 12, LOGDIR_CURRENT));
	cr_assert(name(
	    "__consumer_offsets-49", "__consumer_offsets", 49, LOGDIR_CURRENT));
	cr_assert(name("orders-3.0a1b2c3d4e5f60718293a4b5c6d7e8f9-delete",
	    "orders", 3, LOGDIR_DELETE));
	cr_assert(name("orders-3.0a1b2c3d4e5f60718293a4b5c6d7e8f9-future",
	    "orders", 3, LOGDIR_FUTURE));
	cr_assert(name("a.b-1.x-stray", "a.b", 1, LOGDIR_STRAY));
	/* Integer.parseInt takes a sign. */
	cr_assert(name("t-+1", "t", 1, LOGDIR_CURRENT));
	cr_assert(name("t--1", "t-", 1, LOGDIR_CURRENT));
}

Test(logdir, names_kafka_refuses)
{
	struct logdir_name ln;

	cr_assert_not(logdir_parse_name("", &ln));
	cr_assert_not(logdir_parse_name("lost+found", &ln));
	cr_assert_not(logdir_parse_name("orders-", &ln));
	cr_assert_not(logdir_parse_name("-0", &ln));
	cr_assert_not(logdir_parse_name("orders-x", &ln));
	cr_assert_not(logdir_parse_name("orders-2147483648", &ln));
	/* A suffix without the .<id> part, or with blanks. */
	cr_assert_not(logdir_parse_name("orders-0-delete", &ln));
	cr_assert_not(logdir_parse_name("orders-0.-stray", &ln));
	cr_assert_not(logdir_parse_name("or ders-0.x-future", &ln));
}

static int
pmeta(const char *text, struct kuuid *id, char *why)
{
	return logdir_pmeta_parse(
	    (const uint8_t *)text, strlen(text), id, why, 128);
}

Test(logdir, partition_metadata_round_trips_kafkas_bytes)
{
	struct kuuid id, back;
	char text[LOGDIR_PMETA_MAX], why[128];
	size_t len;

	cr_assert_eq(b64_uuid_parse("_We0fIl8RTmN7v4rgZ1Clw", 22, &id), 0);
	len = logdir_pmeta_encode(&id, text);
	cr_assert_eq(len, 43);
	cr_assert_str_eq(text, "version: 0\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw");
	cr_assert_eq(pmeta(text, &back, why), 0, "%s", why);
	cr_assert_eq(memcmp(&id, &back, sizeof id), 0);
}

Test(logdir, partition_metadata_reads_as_kafka_does)
{
	struct kuuid id;
	char why[128];

	/* Line ends, blanks after the colon, later lines, padding: fine. */
	cr_assert_eq(pmeta("version: 0\r\ntopic_id:\t_We0fIl8RTmN7v4rgZ1Clw\n",
			 &id, why),
	    0, "%s", why);
	cr_assert_eq(pmeta("version: 0\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw==\nx",
			 &id, why),
	    0, "%s", why);
	/* Names are not checked; later versions are read. */
	cr_assert_eq(pmeta("v: 3\nid: _We0fIl8RTmN7v4rgZ1Clw", &id, why), 0);
	/* Java's decoder ignores the bits past the 128th. */
	cr_assert_eq(
	    pmeta("version: 0\ntopic_id: _We0fIl8RTmN7v4rgZ1Clx", &id, why), 0,
	    "%s", why);

	cr_assert_eq(pmeta("", &id, why), -1);
	cr_assert_str_eq(why, "empty");
	cr_assert_eq(pmeta("version: 0", &id, why), -1);
	cr_assert_eq(
	    pmeta("version:0\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw", &id, why), -1);
	cr_assert_eq(
	    pmeta("version: 0 \ntopic_id: _We0fIl8RTmN7v4rgZ1Clw", &id, why),
	    -1);
	cr_assert_eq(
	    pmeta("version: -1\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw", &id, why),
	    -1);
	cr_assert_str_eq(why, "unrecognized version -1");
	cr_assert_eq(
	    pmeta("version: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAA", &id, why),
	    -1);
	cr_assert_str_eq(why, "the zero topic id");
	cr_assert_eq(
	    pmeta("version: 0\ntopic_id: _We0fIl8RTmN7v4rgZ1Cl", &id, why), -1);
	cr_assert_eq(
	    pmeta("version: 0\ntopic_id: /We0fIl8RTmN7v4rgZ1Clw", &id, why),
	    -1);
	cr_assert_eq(
	    pmeta("version: 0\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw=", &id, why),
	    -1);
	cr_assert_eq(
	    pmeta("version: 0: 1\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw", &id, why),
	    -1);
	cr_assert_eq(
	    pmeta("version: \xff\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw", &id, why),
	    -1);
	cr_assert_str_eq(why, "not UTF-8");
}

static int
parse(const char *text)
{
	const char *why = NULL;

	props_free(&p);
	return props_parse(&p, (const uint8_t *)text, strlen(text), &why);
}

Test(logdir, properties_follow_java)
{
	cr_assert_eq(parse("#comment\n! also\n  a = 1\nb:2\nc 3\nd\n"
			   "e=x\\\n   y\nf=\\u00e9\\t\ng=tail  \r\nh=\\\\\n"
			   "a=again\n"),
	    0);
	cr_assert_str_eq(props_get(&p, "a"), "again");
	cr_assert_str_eq(props_get(&p, "b"), "2");
	cr_assert_str_eq(props_get(&p, "c"), "3");
	cr_assert_str_eq(props_get(&p, "d"), "");
	cr_assert_str_eq(props_get(&p, "e"), "xy");
	cr_assert_str_eq(props_get(&p, "f"), "\xc3\xa9\t");
	cr_assert_str_eq(props_get(&p, "g"), "tail  ");
	cr_assert_str_eq(props_get(&p, "h"), "\\");
	cr_assert_null(props_get(&p, "#comment"));
	cr_assert_eq(p.n, 8);
	/* ISO-8859-1 bytes come out as UTF-8. */
	cr_assert_eq(parse("k=\xe9"), 0);
	cr_assert_str_eq(props_get(&p, "k"), "\xc3\xa9");
	cr_assert_eq(parse("k=\\u00zz"), -1);
}

static int
meta(const char *text, struct logdir_meta *m, char *why)
{
	cr_assert_eq(parse(text), 0);
	return logdir_meta_parse(&p, m, why, 128);
}

Test(logdir, meta_properties_as_kafka_reads_them)
{
	struct logdir_meta m;
	char why[128];

	cr_assert_eq(meta("version=0\nbroker.id=1\ncluster.id=abc\n", &m, why),
	    0, "%s", why);
	cr_assert_eq(m.version, 0);
	cr_assert(m.has_node_id);
	cr_assert_eq(m.node_id, 1);
	cr_assert_str_eq(m.cluster_id, "abc");
	/* v0 is the default and takes broker.id, not node.id. */
	cr_assert_eq(meta("node.id=4\ncluster.id=abc\n", &m, why), 0);
	cr_assert_not(m.has_node_id);
	cr_assert_eq(meta("version= 1 \nnode.id=4\ncluster.id=c\n"
			  "directory.id=_We0fIl8RTmN7v4rgZ1Clw\n",
			 &m, why),
	    0, "%s", why);
	cr_assert_eq(m.node_id, 4);
	cr_assert(m.has_directory_id);

	cr_assert_eq(meta("version=2\n", &m, why), -1);
	cr_assert_eq(meta("version=1\ncluster.id=c\n", &m, why), -1);
	cr_assert_eq(meta("version=1\nnode.id=1\n", &m, why), -1);
	cr_assert_eq(meta("broker.id=1 \n", &m, why), -1);
	cr_assert_eq(meta("directory.id=nope\n", &m, why), -1);
}

Test(logdir, reserved_directory_ids)
{
	struct kuuid u = {{0}};

	cr_assert(logdir_directory_id_reserved(&u));
	u.b[15] = 99;
	cr_assert(logdir_directory_id_reserved(&u));
	u.b[15] = 100;
	cr_assert_not(logdir_directory_id_reserved(&u));
	u.b[8] = 0x80; /* a negative low half */
	cr_assert(logdir_directory_id_reserved(&u));
	u.b[0] = 1;
	cr_assert_not(logdir_directory_id_reserved(&u));
}

/*
 * fsync as the library calls it: the system call, after what a test asks
 * for.  --apply fsyncs a partition.metadata's temporary file after making
 * sure no partition.metadata is there and before moving it into place,
 * so this is the moment another writer or a signal can come in.
 */
static const char *fsync_create; /* create this file, once */
static int fsync_raise;          /* raise this signal, once */

int
fsync(int fd)
{
	const char *path = fsync_create;
	int sig = fsync_raise, f;

	fsync_create = NULL;
	fsync_raise = 0;
	if (path != NULL &&
	    (f = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) != -1) {
		if (write(f, "theirs", 6) != 6)
			abort();
		close(f);
	}
	if (sig != 0)
		raise(sig);
	return (int)syscall(SYS_fsync, fd);
}

static char top[64];
static char part[128], pmpath[192];
static struct brokerck bc;
static struct brokerck_changes ch;

static void
apply_setup(void)
{
	char path[192];
	FILE *fp;

	bc = (struct brokerck){0};
	ch = (struct brokerck_changes){0};
	snprintf(top, sizeof top, "/tmp/test-logdir.XXXXXX");
	cr_assert_not_null(mkdtemp(top));
	snprintf(part, sizeof part, "%s/orders-0", top);
	snprintf(pmpath, sizeof pmpath, "%s/%s", part, LOGDIR_PMETA);
	cr_assert_eq(mkdir(part, 0755), 0);
	snprintf(path, sizeof path, "%s/%s", top, LOGDIR_META);
	cr_assert_not_null(fp = fopen(path, "w"));
	fputs("version=0\nbroker.id=1\ncluster.id=c\n", fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/00000000000000000000.log", part);
	cr_assert_not_null(fp = fopen(path, "w"));
	fputs("0123456789", fp);
	fclose(fp);
}

static int
apply_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
apply_teardown(void)
{
	brokerck_free(&bc);
	brokerck_changes_free(&ch);
	if (top[0] != '\0')
		nftw(top, apply_rm, 8, FTW_DEPTH | FTW_PHYS);
#ifdef __SANITIZE_ADDRESS__
	if (__lsan_do_recoverable_leak_check() != 0)
		abort();
#endif
}

TestSuite(apply, .init = apply_setup, .fini = apply_teardown);

/* Check the log dir against an image holding orders-0 on node 1, which
 * needs its partition.metadata. */
static void
apply_check(void)
{
	static int32_t node1[] = {1};
	static struct image_partition ip = {.id = 0, .replicas = {node1, 1}};
	static struct image_topic t = {.name = "orders",
	    .id = {{0x5a, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}},
	    .partitions = &ip,
	    .npartitions = 1};
	struct image im = {.metadata_version = -1, .topics = &t, .ntopics = 1};
	const char *dirs[] = {top};
	struct brokerck_opts o = {
	    .node_id = 1, .log_dirs = dirs, .nlog_dirs = 1};

	brokerck_free(&bc);
	brokerck_run(&bc, &o, &im);
	cr_assert_eq(bc.errors, 0);
	cr_assert_eq(bc.dirs[0].nentries, 1);
	cr_assert_eq(bc.dirs[0].entries[0].verdict, BROKERCK_NEEDS_PMETA);
}

/* Whether part holds a name with ".tmp." in it. */
static bool
apply_tmp_left(void)
{
	struct dirent *de;
	bool found = false;
	DIR *d;

	cr_assert_not_null(d = opendir(part));
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, ".tmp.") != NULL)
			found = true;
	closedir(d);
	return found;
}

Test(apply, partition_metadata_written_meanwhile_is_not_replaced)
{
	char got[16] = "";
	FILE *fp;

	apply_check();
	fsync_create = pmpath;
	brokerck_apply(&bc, &ch);
	cr_assert_eq(ch.n, 1);
	cr_assert_eq(ch.failed, 1, "the other writer's file was replaced");
	cr_assert_not_null(
	    strstr(ch.v[0].error, "exists; not replaced"), "%s", ch.v[0].error);
	cr_assert_not_null(fp = fopen(pmpath, "r"));
	cr_assert_not_null(fgets(got, sizeof got, fp));
	fclose(fp);
	cr_assert_str_eq(got, "theirs");
	cr_assert_not(apply_tmp_left(), "a temporary file is left");
}

Test(apply, signals_remove_the_temporary_file)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	size_t i;
	pid_t pid;
	int st;

	apply_check();
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		if ((pid = fork()) == 0) {
			/* As a command starts: the default dispositions. */
			signal(SIGINT, SIG_DFL);
			signal(SIGTERM, SIG_DFL);
			signal(SIGHUP, SIG_DFL);
			fsync_raise = sigs[i];
			brokerck_apply(&bc, &ch);
			_exit(0);
		}
		cr_assert_gt(pid, 0);
		cr_assert_eq(waitpid(pid, &st, 0), pid);
		cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == sigs[i],
		    "signal %d: status %#x", sigs[i], st);
		cr_assert_not(apply_tmp_left(),
		    "signal %d: a temporary file is left", sigs[i]);
		cr_assert_eq(access(pmpath, F_OK), -1);
	}
}
