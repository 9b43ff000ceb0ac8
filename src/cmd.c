/*
 * The one command-line parser: the option groups' spelling, getopt_long
 * tables built from a command's spec, --help, usage errors, the operand
 * count, and the group checks.  Linked into the program only.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "xmalloc.h"

enum cmd_group_id {
	CMD_G_OWN,
	CMD_G_SOURCE,
	CMD_G_MIGRATE,
	CMD_G_POST,
	CMD_G_FORMAT,
};

static const struct cmd_option cmd_source_options[] = {
    {"zookeeper", 'z', true, false, SOURCE_OPT_ZOOKEEPER},
    {"input", 'i', true, false, SOURCE_OPT_INPUT},
    {"chroot", 0, true, false, SOURCE_OPT_CHROOT},
    {"session-timeout", 0, true, false, SOURCE_OPT_SESSION_TIMEOUT},
    {"connect-timeout", 0, true, false, SOURCE_OPT_CONNECT_TIMEOUT},
    {"auth-file", 0, true, false, SOURCE_OPT_AUTH_FILE},
    {"zk-tls-ca", 0, true, false, SOURCE_OPT_TLS_CA},
    {"zk-tls-cert", 0, true, false, SOURCE_OPT_TLS_CERT},
    {"zk-tls-key", 0, true, false, SOURCE_OPT_TLS_KEY},
    {"zk-sasl-mechanism", 0, true, false, SOURCE_OPT_SASL_MECHANISM},
    {"window", 0, true, false, SOURCE_OPT_WINDOW},
    {"retries", 0, true, false, SOURCE_OPT_RETRIES},
    {0},
};

static const struct cmd_option cmd_migrate_options[] = {
    {"metadata-version", 'm', true, false, MIGRATE_OPT_METADATA_VERSION},
    {"assign-topic-ids", 0, false, false, MIGRATE_OPT_ASSIGN_IDS},
    {"elect-leaders", 0, false, false, MIGRATE_OPT_ELECT_LEADERS},
    {"password-encoder-secret-file", 0, true, false, MIGRATE_OPT_SECRET_FILE},
    {"allow", 0, true, false, MIGRATE_OPT_ALLOW},
    {0},
};

static const struct cmd_option cmd_file_options[] = {
    {"snapshot", 0, false, false, MIGRATE_OPT_SNAPSHOT},
    {"snapshot-id", 0, true, false, MIGRATE_OPT_SNAPSHOT_ID},
    {"voters-from", 0, true, false, MIGRATE_OPT_VOTERS_FROM},
    {"timestamp", 0, true, false, MIGRATE_OPT_TIMESTAMP},
    {"meta-properties", 0, false, false, MIGRATE_OPT_META_PROPERTIES},
    {"node-id", 0, true, false, MIGRATE_OPT_NODE_ID},
    {0},
};

static const struct cmd_option cmd_post_options[] = {
    {"post", 0, true, false, POST_OPT_URL},
    {"post-header", 0, true, false, POST_OPT_HEADER},
    {"post-ca", 0, true, false, POST_OPT_CA},
    {"post-timeout", 0, true, false, POST_OPT_TIMEOUT},
    {"post-retries", 0, true, false, POST_OPT_RETRIES},
    {"post-optional", 0, false, false, POST_OPT_OPTIONAL},
    {0},
};

/* -f is the format wherever a command prints a report. */
static const struct cmd_option cmd_format_options[] = {
    {"format", 'f', true, false, 0},
    {0},
};

/* An option of the table being parsed, and where it goes. */
struct cmd_slot {
	const struct cmd_option *o;
	enum cmd_group_id group;
	int index; /* in the command's own table */
};

struct cmd_table {
	struct cmd_slot *slots;
	size_t n;
	struct option *longopts;
	char *shortopts;
};

/* Long-only options get getopt_long codes from here up. */
#define CMD_CODE_BASE 0x100

static void
cmd_table_add(
    struct cmd_table *t, const struct cmd_option *opts, enum cmd_group_id group)
{
	size_t i;

	for (i = 0; opts[i].name != NULL || opts[i].letter != 0; i++) {
		t->slots = xreallocarray(t->slots, t->n + 1, sizeof *t->slots);
		t->slots[t->n++] = (struct cmd_slot){
		    .o = &opts[i], .group = group, .index = (int)i};
	}
}

/* The getopt_long tables for ce: its groups, then its own options. */
static void
cmd_table_build(struct cmd_table *t, const struct cmd_entry *ce)
{
	const struct cmd_option *o;
	size_t i, nl = 0, ns;

	if (ce->groups & CMD_SOURCE)
		cmd_table_add(t, cmd_source_options, CMD_G_SOURCE);
	if (ce->groups & CMD_MIGRATE)
		cmd_table_add(t, cmd_migrate_options, CMD_G_MIGRATE);
	if (ce->groups & CMD_FILE)
		cmd_table_add(t, cmd_file_options, CMD_G_MIGRATE);
	if (ce->groups & CMD_POST)
		cmd_table_add(t, cmd_post_options, CMD_G_POST);
	if (ce->groups & CMD_FORMAT)
		cmd_table_add(t, cmd_format_options, CMD_G_FORMAT);
	if (ce->options != NULL)
		cmd_table_add(t, ce->options, CMD_G_OWN);

	t->longopts = xreallocarray(NULL, t->n + 2, sizeof *t->longopts);
	t->shortopts = xmalloc(2 + 2 * t->n + 2);
	ns = 0;
	t->shortopts[ns++] = ':'; /* a missing argument returns ':' */
	t->shortopts[ns++] = 'h';
	for (i = 0; i < t->n; i++) {
		o = t->slots[i].o;
		if (o->letter != 0) {
			t->shortopts[ns++] = (char)o->letter;
			if (o->has_arg)
				t->shortopts[ns++] = ':';
		}
		if (o->name != NULL)
			t->longopts[nl++] = (struct option){o->name,
			    o->has_arg ? required_argument : no_argument, NULL,
			    o->letter != 0 ? o->letter
					   : CMD_CODE_BASE + (int)i};
	}
	t->shortopts[ns] = '\0';
	t->longopts[nl++] = (struct option){"help", no_argument, NULL, 'h'};
	t->longopts[nl] = (struct option){NULL, 0, NULL, 0};
}

static void
cmd_table_free(struct cmd_table *t)
{
	free(t->slots);
	free(t->longopts);
	free(t->shortopts);
}

static const struct cmd_slot *
cmd_table_find(const struct cmd_table *t, int ch)
{
	size_t i;

	if (ch >= CMD_CODE_BASE && (size_t)(ch - CMD_CODE_BASE) < t->n)
		return &t->slots[ch - CMD_CODE_BASE];
	for (i = 0; i < t->n; i++)
		if (t->slots[i].o->letter == ch)
			return &t->slots[i];
	return NULL;
}

int
cmd_usage(const struct cmd_entry *ce)
{
	fprintf(stderr, "usage: %s %s %s\n", PACKAGE, ce->name, ce->usage);
	return EXIT_USAGE;
}

int
cmd_fail(const struct error *e)
{
	log_error("%s", e->msg);
	return e->status;
}

int
cmd_print(const struct buf *b)
{
	if (fwrite(b->data, 1, b->len, stdout) != b->len ||
	    fflush(stdout) == EOF) {
		log_error("stdout: %s", strerror(errno));
		return -1;
	}
	return 0;
}

size_t
cmd_has(const struct cmd_args *args, int i)
{
	return args->own[i].n;
}

const char *
cmd_get(const struct cmd_args *args, int i)
{
	const struct cmd_value *v = &args->own[i];

	return v->n == 0 ? NULL : v->values[v->n - 1];
}

/* -f text|json */
static int
cmd_format(struct cmd_args *args, const char *arg, struct error *e)
{
	args->format = true;
	if (strcmp(arg, "json") == 0)
		args->json = true;
	else if (strcmp(arg, "text") == 0)
		args->json = false;
	else
		return error_set(e, EXIT_USAGE, "unknown format: %s", arg);
	return 0;
}

/* Hand one option to its group, or keep it among the command's own. */
static int
cmd_take(struct cmd_args *args, const struct cmd_slot *sl, const char *arg,
    struct error *e)
{
	struct cmd_value *v;

	switch (sl->group) {
	case CMD_G_SOURCE:
		return source_option(&args->src, sl->o->id, arg, e);
	case CMD_G_MIGRATE:
		return migrate_option(&args->mig, sl->o->id, arg, e);
	case CMD_G_POST:
		return post_option(&args->post, sl->o->id, arg, e);
	case CMD_G_FORMAT:
		return cmd_format(args, arg, e);
	case CMD_G_OWN:
		break;
	}
	v = &args->own[sl->index];
	v->values = xreallocarray(v->values, v->n + 1, sizeof *v->values);
	v->values[v->n++] = arg;
	return 0;
}

/*
 * "-x" or "--name" for a message about the option getopt_long just
 * refused: optopt is the letter of a short option (or of a long one that
 * has a letter), and 0 or a long-only code after a long option, which
 * always moves optind past itself.
 */
static const char *
cmd_option_text(char **argv, char *buf, size_t size)
{
	if (optopt > 0 && optopt < CMD_CODE_BASE) {
		snprintf(buf, size, "-%c", optopt);
		return buf;
	}
	return argv[optind - 1];
}

/* Options the command needs and did not get: "A", "A and B", "A, B and
 * C" with the verb agreeing. */
static int
cmd_required(const struct cmd_entry *ce, const struct cmd_args *args)
{
	struct buf b = {0};
	size_t i, n = 0, k = 0;

	for (i = 0; i < args->nown; i++)
		n += ce->options[i].required && args->own[i].n == 0;
	if (n == 0)
		return 0;
	for (i = 0; i < args->nown; i++) {
		if (!ce->options[i].required || args->own[i].n > 0)
			continue;
		k++;
		buf_printf(&b, "%s", k == 1 ? "" : k == n ? " and " : ", ");
		if (ce->options[i].letter != 0)
			buf_printf(&b, "-%c", ce->options[i].letter);
		else
			buf_printf(&b, "--%s", ce->options[i].name);
	}
	buf_put_u8(&b, '\0');
	log_error("%s: %s %s required", ce->name, (char *)b.data,
	    n == 1 ? "is" : "are");
	buf_free(&b);
	return cmd_usage(ce);
}

/* Run getopt_long over argv by t: -1 to run the command, or the exit
 * status to stop with. */
static int
cmd_parse(const struct cmd_entry *ce, const struct cmd_table *t,
    struct cmd_args *args, int argc, char **argv)
{
	const struct cmd_slot *sl;
	struct error e = {0};
	char text[8];
	int ch;

	opterr = 0; /* the messages are ours */
	optind = 0; /* let getopt start afresh on the command's argv */
	while ((ch = getopt_long(
		    argc, argv, t->shortopts, t->longopts, NULL)) != -1) {
		if (ch == 'h') {
			printf(
			    "usage: %s %s %s\n", PACKAGE, ce->name, ce->usage);
			return fflush(stdout) == EOF ? EXIT_FAIL : EXIT_OK;
		}
		if (ch == '?' || ch == ':') {
			log_error("%s: %s: %s", ce->name,
			    cmd_option_text(argv, text, sizeof text),
			    ch == '?' ? "unknown option" : "needs an argument");
			return cmd_usage(ce);
		}
		sl = cmd_table_find(t, ch);
		if (cmd_take(args, sl, optarg, &e) == -1) {
			log_error("%s: %s", ce->name, e.msg);
			/* A bad -f is a usage error; a bad path is not. */
			return sl->group == CMD_G_FORMAT ? cmd_usage(ce)
							 : e.status;
		}
	}
	args->argc = argc - optind;
	args->argv = argv + optind;
	if (args->argc < ce->lower ||
	    (ce->upper >= 0 && args->argc > ce->upper))
		return cmd_usage(ce);
	if (cmd_required(ce, args) != 0)
		return EXIT_USAGE;
	if (migrate_check(&args->mig, &e) == -1 ||
	    post_check(&args->post, &e) == -1) {
		log_error("%s: %s", ce->name, e.msg);
		return EXIT_USAGE;
	}
	return -1;
}

int
cmd_run(const struct cmd_entry *ce, int argc, char **argv)
{
	struct cmd_table t = {0};
	struct cmd_args args;
	size_t i;
	int ret;

	memset(&args, 0, sizeof args);
	source_init(&args.src);
	migrate_opts_init(&args.mig);
	post_init(&args.post);
	while (ce->options != NULL &&
	    (ce->options[args.nown].name != NULL ||
		ce->options[args.nown].letter != 0))
		args.nown++;
	args.own = xreallocarray(NULL, args.nown + 1, sizeof *args.own);
	memset(args.own, 0, (args.nown + 1) * sizeof *args.own);
	cmd_table_build(&t, ce);
	if ((ret = cmd_parse(ce, &t, &args, argc, argv)) == -1)
		ret = ce->exec(ce, &args);
	cmd_table_free(&t);
	for (i = 0; i < args.nown; i++)
		free(args.own[i].values);
	free(args.own);
	source_free(&args.src);
	migrate_opts_free(&args.mig);
	post_free(&args.post);
	return ret;
}
