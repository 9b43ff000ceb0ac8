/*
 * Subcommands: each cmd-NAME.c exports one struct cmd_entry, and main.c
 * dispatches to it by name.  The entry carries the command's option spec;
 * one parser (cmd.c) handles --help, usage, unknown options, the operand
 * count and the exit status of a usage error, and hands exec the parsed
 * options.  The command layer is the only one that prints.
 */
#ifndef CMD_H
#define CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "log.h"
#include "migrate.h"
#include "post.h"
#include "source.h"

/* Option groups a command takes, spelled once in cmd.c. */
#define CMD_SOURCE 0x01  /* -z, -i and the ZooKeeper session options */
#define CMD_MIGRATE 0x02 /* -m ... --allow: how to translate */
#define CMD_FILE 0x04    /* --snapshot ... --node-id: the file written */
#define CMD_POST 0x08    /* --post and the --post-* options */
#define CMD_FORMAT 0x10  /* -f text|json */

/* The synopsis fragments of the groups, for usage lines. */
#define CMD_USAGE_SOURCE "(-z CONNECT | -i DUMP) [--chroot PATH]"
#define CMD_USAGE_MIGRATE                                                      \
	CMD_USAGE_SOURCE                                                       \
	" [-m VERSION] [--assign-topic-ids] [--elect-leaders]\n"               \
	"\t[--password-encoder-secret-file FILE] [--allow "                    \
	"CODE]..."
#define CMD_USAGE_FILE                                                         \
	"\t[--snapshot [--snapshot-id OFFSET-EPOCH] "                          \
	"[--voters-from FILE]]\n"                                              \
	"\t[--meta-properties --node-id N] [--timestamp MS]"
#define CMD_USAGE_POST                                                         \
	"[--post URL [--post-header 'Name: value'|'Name: @FILE']...\n"         \
	"\t[--post-ca FILE] [--post-timeout MS] [--post-retries N] "           \
	"[--post-optional]]"

/* One option: its long name (or NULL), its letter (or 0), whether it
 * takes an argument, whether the command needs it, and for a group
 * option its id in the group's enum. */
struct cmd_option {
	const char *name;
	int letter;
	bool has_arg;
	bool required;
	int id;
};

/* A command's own option as parsed: every argument given, in order. */
struct cmd_value {
	size_t n;            /* times given */
	const char **values; /* the n arguments (borrowed from argv) */
};

/* What exec receives.  Operands are argv[0 .. argc-1]. */
struct cmd_args {
	int argc;
	char **argv;
	bool json;               /* -f json */
	bool format;             /* -f was given */
	struct source_opts src;  /* CMD_SOURCE */
	struct migrate_opts mig; /* CMD_MIGRATE and CMD_FILE */
	struct post_opts post;   /* CMD_POST */
	struct cmd_value *own;   /* by index in the entry's options */
	size_t nown;
};

struct cmd_entry {
	const char *name;
	const char *usage;                /* synopsis after "zk2kraft NAME" */
	const char *summary;              /* one line for --help */
	int groups;                       /* CMD_SOURCE | ... */
	const struct cmd_option *options; /* its own, ending with {0} */
	int lower, upper;                 /* operands: at least, at most */
	int (*exec)(const struct cmd_entry *, struct cmd_args *);
};

extern const struct cmd_entry cmd_check_broker_entry;
extern const struct cmd_entry cmd_dry_run_entry;
extern const struct cmd_entry cmd_dump_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_inspect_entry;
extern const struct cmd_entry cmd_verify_entry;

/* Parse argv (argv[0] is the command name) by ce's spec and run it;
 * returns the exit status. */
int cmd_run(const struct cmd_entry *ce, int argc, char **argv);

/* How many times own option i was given, and its last argument (NULL). */
size_t cmd_has(const struct cmd_args *args, int i);
const char *cmd_get(const struct cmd_args *args, int i);

/* Write b to stdout and flush it; on failure say why and return -1. */
int cmd_print(const struct buf *b);

/* Print "usage: zk2kraft NAME USAGE" to stderr and return EXIT_USAGE. */
int cmd_usage(const struct cmd_entry *ce);

/* Print e's message and return its status. */
int cmd_fail(const struct error *e);

#endif /* CMD_H */
