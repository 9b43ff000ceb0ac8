/*
 * zk2kraft dump: the Kafka subtree of a ZooKeeper ensemble (or of another
 * dump) as a dump file.  This is how fixtures and support cases are made.
 */
#include "config.h"

#include <sys/stat.h>

#include <string.h>

#include "cmd.h"
#include "log.h"
#include "source.h"
#include "tree.h"

static int cmd_dump_exec(const struct cmd_entry *, struct cmd_args *);

enum { DUMP_OUTPUT, DUMP_FORCE, DUMP_OLD_F };

static const struct cmd_option cmd_dump_options[] = {
    [DUMP_OUTPUT] = {"output", 'o', true, true, 0},
    [DUMP_FORCE] = {"force", 0, false, false, 0},
    /* -f meant --force here and means --format everywhere else: it
     * still works, with a warning, for one release; then it goes. */
    [DUMP_OLD_F] = {NULL, 'f', false, false, 0},
    {0},
};

const struct cmd_entry cmd_dump_entry = {
    .name = "dump",
    .usage = CMD_USAGE_SOURCE " -o FILE [--force]",
    .summary = "write Kafka's ZooKeeper tree to a JSON dump file",
    .groups = CMD_SOURCE,
    .options = cmd_dump_options,
    .lower = 0,
    .upper = 0,
    .exec = cmd_dump_exec,
};

static int
cmd_dump_exec(const struct cmd_entry *ce, struct cmd_args *args)
{
	struct tree t = {0};
	struct error e = {0};
	const char *output = cmd_get(args, DUMP_OUTPUT);
	struct stat sb;
	bool force = cmd_has(args, DUMP_FORCE) > 0;
	int ret = EXIT_FAIL;

	if (cmd_has(args, DUMP_OLD_F) > 0) {
		log_warnx("%s: -f is deprecated here: use --force (-f will "
			  "mean --format, as in the other commands)",
		    ce->name);
		force = true;
	}
	if (strcmp(output, "-") != 0 && !force && stat(output, &sb) == 0) {
		log_error("%s: exists; give --force to replace it", output);
		return EXIT_FAIL;
	}
	args->src.zk.full = true; /* every znode and stat */
	if (source_read(&args->src, &t, &e) == -1 ||
	    tree_save(&t, output, &e) == -1) {
		ret = cmd_fail(&e);
		goto out;
	}
	log_info(1, "wrote %zu znodes under %s to %s", t.n, t.root, output);
	ret = EXIT_OK;
out:
	tree_free(&t);
	return ret;
}
