/*
 * Subcommands: each cmd-NAME.c exports one struct cmd_entry, and main.c
 * dispatches to it by name.
 */
#ifndef CMD_H
#define CMD_H

#include <stdbool.h>

#include "buf.h"

struct cmd_entry {
	const char *name;
	const char *usage;         /* synopsis after "zk2kraft NAME" */
	const char *summary;       /* one line for --help */
	int (*exec)(int, char **); /* argv[0] is the command name */
};

extern const struct cmd_entry cmd_check_broker_entry;
extern const struct cmd_entry cmd_dry_run_entry;
extern const struct cmd_entry cmd_dump_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_inspect_entry;
extern const struct cmd_entry cmd_verify_entry;

/* Write b to stdout and flush it; on failure say why and return -1. */
int cmd_print(const struct buf *b);

/* -f text|json: set *json, or say why not and return EXIT_USAGE (else 0). */
int cmd_format(const struct cmd_entry *ce, const char *arg, bool *json);

/* Print "usage: zk2kraft NAME USAGE" to stderr and return EXIT_USAGE. */
int cmd_usage(const struct cmd_entry *ce);

#endif /* CMD_H */
