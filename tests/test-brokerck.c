/*
 * What check-broker --apply (brokerck.c) does when something happens
 * between writing a partition.metadata and moving it into place: another
 * writer's file is not replaced, and a signal leaves no temporary file.
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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "brokerck.h"
#include "helpers.h"
#include "image.h"
#include "logdir.h"

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
	leak_check();
}

TestSuite(brokerck, .init = apply_setup, .fini = apply_teardown);

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

Test(brokerck, partition_metadata_written_meanwhile_is_not_replaced)
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

Test(brokerck, signals_remove_the_temporary_file)
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
