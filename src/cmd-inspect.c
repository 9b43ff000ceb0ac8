/*
 * zk2kraft inspect: decode a KRaft checkpoint, segment or metadata log
 * directory and print every record (klog -> render -> stdout), or, with
 * --check, check a checkpoint against the rules KRaft readers and
 * controllers apply (kcheck) and print one summary line.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
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

static int cmd_inspect_exec(int, char **);

const struct cmd_entry cmd_inspect_entry = {
    .name = "inspect",
    .usage = "[-f text|json | --check [--bootstrap|--snapshot]] "
	     "file|directory",
    .summary = "decode a KRaft checkpoint, log segment or log directory",
    .exec = cmd_inspect_exec,
};

struct inspect_opts {
	enum render_format format;
	bool format_set; /* -f was given */
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

static int
cmd_inspect_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"bootstrap", no_argument, NULL, 'B'},
	    {"check", no_argument, NULL, 'C'},
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {"snapshot", no_argument, NULL, 'S'},
	    {NULL, 0, NULL, 0},
	};
	struct inspect_opts opts = {.format = RENDER_TEXT, .kind = KCHECK_AUTO};
	enum kcheck_kind kind;
	bool kind_set = false, json;
	struct inspect_out io = {.opts = &opts};
	struct error e = {0};
	struct stat sb;
	int ch, ret;

	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'B':
		case 'S':
			kind = ch == 'B' ? KCHECK_BOOTSTRAP : KCHECK_SNAPSHOT;
			if (kind_set && kind != opts.kind) {
				log_error("inspect: --bootstrap and --snapshot "
					  "exclude each other");
				return cmd_usage(&cmd_inspect_entry);
			}
			kind_set = true;
			opts.kind = kind;
			break;
		case 'C':
			opts.check = true;
			break;
		case 'f':
			opts.format_set = true;
			if (cmd_format(&cmd_inspect_entry, optarg, &json) != 0)
				return EXIT_USAGE;
			opts.format = json ? RENDER_JSON : RENDER_TEXT;
			break;
		case 'h':
			printf("usage: %s inspect %s\n", PACKAGE,
			    cmd_inspect_entry.usage);
			return EXIT_OK;
		default:
			return cmd_usage(&cmd_inspect_entry);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cmd_usage(&cmd_inspect_entry);
	if (kind_set && !opts.check) {
		log_error("inspect: --bootstrap and --snapshot need --check");
		return cmd_usage(&cmd_inspect_entry);
	}
	if (opts.check && opts.format_set) {
		log_error("inspect: -f does not go with --check");
		return cmd_usage(&cmd_inspect_entry);
	}
	if (stat(argv[0], &sb) == -1) {
		log_error("%s: %s", argv[0], strerror(errno));
		return EXIT_FAIL;
	}
	opts.dir = S_ISDIR(sb.st_mode);
	if (opts.check && opts.dir) {
		log_error("inspect: %s: --check takes a checkpoint file, not "
			  "a directory",
		    argv[0]);
		return EXIT_USAGE;
	}
	if (opts.check)
		return inspect_check(argv[0], opts.kind);
	if (opts.dir)
		ret = klog_read_dir(argv[0], inspect_batch, &io, &e);
	else
		ret = klog_read_file(
		    argv[0], KLOG_AUTO, 0, inspect_batch, &io, &e);
	buf_free(&io.buf);
	free(io.file);
	if (fflush(stdout) == EOF && ret == 0) {
		error_set(&e, EXIT_FAIL, "stdout: %s", strerror(errno));
		ret = -1;
	}
	if (ret == -1) {
		log_error("%s", e.msg);
		return e.status;
	}
	return EXIT_OK;
}
