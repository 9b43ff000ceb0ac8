/*
 * zk2kraft inspect: decode a KRaft checkpoint, segment or metadata log
 * directory and print every record (klog -> render -> stdout), or, with
 * --check, check a checkpoint against the rules KRaft readers and
 * controllers apply (kcheck) and print one summary line.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "kcheck.h"
#include "klog.h"
#include "log.h"
#include "mv.h"
#include "render.h"
#include "xmalloc.h"

static int cmd_inspect_exec(const struct cmd_entry *, struct cmd_args *);

enum { INSPECT_BOOTSTRAP, INSPECT_CHECK, INSPECT_SNAPSHOT };

static const struct cmd_option cmd_inspect_options[] = {
    [INSPECT_BOOTSTRAP] = {"bootstrap", 0, false, false, 0},
    [INSPECT_CHECK] = {"check", 0, false, false, 0},
    [INSPECT_SNAPSHOT] = {"snapshot", 0, false, false, 0},
    {0},
};

const struct cmd_entry cmd_inspect_entry = {
    .name = "inspect",
    .usage = "[-f text|json | --check [--bootstrap|--snapshot]] "
	     "file|directory",
    .summary = "decode a KRaft checkpoint, log segment or log directory",
    .groups = CMD_FORMAT,
    .options = cmd_inspect_options,
    .lower = 1,
    .upper = 1,
    .exec = cmd_inspect_exec,
};

struct inspect_opts {
	enum render_format format;
	bool dir;
	bool check; /* --check: kcheck instead of printing records */
	enum kcheck_kind kind;
};

struct inspect_out {
	const struct inspect_opts *opts;
	struct buf buf;
	char *file; /* the file of the last batch printed, owned */
};

static int
inspect_batch(void *arg, const char *path, size_t index, const struct kbatch *b,
    struct error *e)
{
	struct inspect_out *io = arg;

	io->buf.len = 0;
	if (io->opts->format == RENDER_TEXT &&
	    (io->file == NULL || strcmp(io->file, path) != 0)) {
		buf_put(&io->buf, "# file ", 7);
		buf_put(&io->buf, path, strlen(path));
		buf_put_u8(&io->buf, '\n');
		free(io->file);
		io->file = xstrdup(path);
	}
	render_batch(
	    &io->buf, io->opts->format, io->opts->dir ? path : NULL, index, b);
	if (fwrite(io->buf.data, 1, io->buf.len, stdout) != io->buf.len)
		return error_set(e, EXIT_FAIL, "stdout: %s", strerror(errno));
	return 0;
}

/* inspect --check: one summary line on success. */
static int
inspect_check(const char *path, enum kcheck_kind kind)
{
	struct kcheck_result res;
	struct error e = {0};
	const char *mv;

	if (kcheck_file(path, kind, NULL, 0, &res, &e) == -1) {
		log_error("%s", e.msg);
		return e.status;
	}
	mv = mv_name(res.metadata_version);
	printf("%s: ok: %s, %zu batches, %zu records, metadata.version %s "
	       "(%d)\n",
	    path, res.kind == KCHECK_BOOTSTRAP ? "bootstrap" : "snapshot",
	    res.batches, res.records, mv != NULL ? mv : "unknown",
	    res.metadata_version);
	if (fflush(stdout) == EOF) {
		log_error("stdout: %s", strerror(errno));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* The options into opts; 0, or an exit status with the error printed. */
static int
inspect_opts(const struct cmd_entry *ce, const struct cmd_args *args,
    struct inspect_opts *opts)
{
	bool bootstrap = cmd_has(args, INSPECT_BOOTSTRAP) > 0;
	bool snapshot = cmd_has(args, INSPECT_SNAPSHOT) > 0;

	opts->format = args->json ? RENDER_JSON : RENDER_TEXT;
	opts->check = cmd_has(args, INSPECT_CHECK) > 0;
	opts->kind = bootstrap ? KCHECK_BOOTSTRAP
	    : snapshot         ? KCHECK_SNAPSHOT
			       : KCHECK_AUTO;
	if (bootstrap && snapshot) {
		log_error("inspect: --bootstrap and --snapshot exclude each "
			  "other");
		return cmd_usage(ce);
	}
	if ((bootstrap || snapshot) && !opts->check) {
		log_error("inspect: --bootstrap and --snapshot need --check");
		return cmd_usage(ce);
	}
	if (opts->check && args->format) {
		log_error("inspect: -f does not go with --check");
		return cmd_usage(ce);
	}
	return 0;
}

static int
cmd_inspect_exec(const struct cmd_entry *ce, struct cmd_args *args)
{
	struct inspect_opts opts = {0};
	struct inspect_out io = {.opts = &opts};
	const char *path = args->argv[0];
	struct error e = {0};
	struct stat sb;
	int ret;

	if ((ret = inspect_opts(ce, args, &opts)) != 0)
		return ret;
	if (stat(path, &sb) == -1) {
		log_error("%s: %s", path, strerror(errno));
		return EXIT_FAIL;
	}
	opts.dir = S_ISDIR(sb.st_mode);
	if (opts.check && opts.dir) {
		log_error("inspect: %s: --check takes a checkpoint file, not "
			  "a directory",
		    path);
		return EXIT_USAGE;
	}
	if (opts.check)
		return inspect_check(path, opts.kind);
	if (opts.dir)
		ret = klog_read_dir(path, inspect_batch, &io, &e);
	else
		ret =
		    klog_read_file(path, KLOG_AUTO, 0, inspect_batch, &io, &e);
	buf_free(&io.buf);
	free(io.file);
	if (fflush(stdout) == EOF && ret == 0) {
		error_set(&e, EXIT_FAIL, "stdout: %s", strerror(errno));
		ret = -1;
	}
	return ret == -1 ? cmd_fail(&e) : EXIT_OK;
}
