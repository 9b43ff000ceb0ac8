/*
 * zk2kraft: global options, the command table, exit status.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "log.h"

static const struct cmd_entry *cmd_table[] = {
    &cmd_check_broker_entry,
    &cmd_dry_run_entry,
    &cmd_dump_entry,
    &cmd_export_entry,
    &cmd_inspect_entry,
    &cmd_verify_entry,
    NULL,
};

static void
usage(FILE *fp)
{
	const struct cmd_entry *const *ce;

	fprintf(fp, "usage: %s [-qv] [--help] [--version] command [args]\n",
	    PACKAGE);
	fprintf(fp, "\ncommands:\n");
	for (ce = cmd_table; *ce != NULL; ce++)
		fprintf(fp, "  %-12s %s\n", (*ce)->name, (*ce)->summary);
	fprintf(fp,
	    "\n'%s COMMAND --help' shows a command's options; "
	    "zk2kraft(1) has the details.\n",
	    PACKAGE);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	const struct cmd_entry *const *ce;
	int ch;

	opterr = 0;
	/* "+": stop at the command name; options after it are its own. */
	while ((ch = getopt_long(argc, argv, "+hqvV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'q':
			log_verbosity = -1;
			break;
		case 'v':
			if (log_verbosity >= 0)
				log_verbosity++;
			break;
		case 'V':
			printf("%s %s\n", PACKAGE, PACKAGE_VERSION);
			return EXIT_OK;
		default:
			log_error("unknown option: %s", argv[optind - 1]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (ce = cmd_table; *ce != NULL; ce++) {
		if (strcmp((*ce)->name, argv[0]) == 0)
			return cmd_run(*ce, argc, argv);
	}
	log_error("unknown command: %s", argv[0]);
	usage(stderr);
	return EXIT_USAGE;
}
