/*
 * zk2kraft dump: the Kafka subtree of a ZooKeeper ensemble (or of another
 * dump) as a dump file.  This is how fixtures and support cases are made.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "log.h"
#include "source.h"
#include "tree.h"

static int cmd_dump_exec(int, char **);

const struct cmd_entry cmd_dump_entry = {
    .name = "dump",
    .usage = SOURCE_USAGE " -o FILE [--force]",
    .summary = "write Kafka's ZooKeeper tree to a JSON dump file",
    .exec = cmd_dump_exec,
};

static int
cmd_dump_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    SOURCE_LONGOPTS,
	    {"output", required_argument, NULL, 'o'},
	    {"force", no_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct source_opts so;
	struct tree t = {0};
	struct error e = {0};
	const char *output = NULL;
	struct stat sb;
	bool force = false;
	int ch, r, ret = EXIT_FAIL;

	source_init(&so);
	while ((ch = getopt_long(argc, argv, SOURCE_SHORTOPTS "o:fh", longopts,
		    NULL)) != -1) {
		if ((r = source_option(&so, ch, optarg, &e)) == -1) {
			log_error("dump: %s", e.msg);
			return EXIT_USAGE;
		}
		if (r == 1)
			continue;
		switch (ch) {
		case 'o':
			output = optarg;
			break;
		case 'f':
			force = true;
			break;
		case 'h':
			printf("usage: %s dump %s\n", PACKAGE,
			    cmd_dump_entry.usage);
			return EXIT_OK;
		default:
			return cmd_usage(&cmd_dump_entry);
		}
	}
	if (optind != argc || output == NULL)
		return cmd_usage(&cmd_dump_entry);
	if (strcmp(output, "-") != 0 && !force && stat(output, &sb) == 0) {
		log_error("%s: exists; give --force to replace it", output);
		return EXIT_FAIL;
	}
	if (source_read(&so, &t, &e) == -1 || tree_save(&t, output, &e) == -1) {
		log_error("%s", e.msg);
		ret = e.status;
		goto out;
	}
	log_info(1, "wrote %zu znodes under %s to %s", t.n, t.root, output);
	ret = EXIT_OK;
out:
	tree_free(&t);
	source_free(&so);
	return ret;
}
