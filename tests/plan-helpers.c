/*
 * The helpers the plan's tests share (see plan-helpers.h).
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "finding.h"
#include "model.h"
#include "mv.h"
#include "plan-helpers.h"
#include "plan.h"
#include "records.h"
#include "tree.h"

struct tree t, t2;
struct model m, m2;
struct plan p, p2;

static const char *const allow_running[] = {"cluster-running"};

void
plan_test_setup(void)
{
	memset(&t, 0, sizeof t);
	memset(&t2, 0, sizeof t2);
	memset(&m, 0, sizeof m);
	memset(&m2, 0, sizeof m2);
	memset(&p, 0, sizeof p);
	memset(&p2, 0, sizeof p2);
}

void
plan_test_teardown(void)
{
	plan_free(&p);
	plan_free(&p2);
	model_free(&m);
	model_free(&m2);
	tree_free(&t);
	tree_free(&t2);
}

static int64_t next_zxid = 0x100000002;

void
add_node(struct tree *tr, const char *path, const char *data, int32_t version,
    bool ephemeral)
{
	struct zstat st;

	memset(&st, 0, sizeof st);
	st.version = version;
	st.czxid = st.mzxid = st.pzxid = next_zxid++;
	if (ephemeral)
		st.ephemeral_owner = 0x1000 + st.czxid;
	tree_add(tr, path, (const uint8_t *)data,
	    data != NULL ? strlen(data) : 0, &st);
}

static bool
have(char **v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/*
 * Fill tr (root "/") from lines "<path> <mode> <dataVersion> <data>" as in
 * zookeeper-layout.md 7.1: mode P or E (ephemeral), data "-" for null,
 * else the bytes to the end of the line.  Parents that are not listed are
 * added with null data.
 */
static void
tree_text(struct tree *tr, const char *text)
{
	char *copy = strdup(text), *save, *line, *mode, *ver, *data, *q, *s;
	char **paths = NULL;
	size_t np = 0, i, n;
	struct error e;

	tree_init(tr, "/");
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || line[0] == '\0')
			continue;
		mode = strchr(line, ' ');
		cr_assert_not_null(mode, "bad line %s", line);
		*mode++ = '\0';
		ver = strchr(mode, ' ');
		cr_assert_not_null(ver, "bad line %s", line);
		*ver++ = '\0';
		data = strchr(ver, ' ');
		cr_assert_not_null(data, "bad line %s", line);
		*data++ = '\0';
		add_node(tr, line, strcmp(data, "-") == 0 ? NULL : data,
		    (int32_t)atoi(ver), mode[0] == 'E');
		paths = realloc(paths, (np + 1) * sizeof *paths);
		paths[np++] = strdup(line);
	}
	for (i = 0, n = np; i < n; i++) {
		q = strdup(paths[i]);
		while ((s = strrchr(q, '/')) != NULL && s != q) {
			*s = '\0';
			if (!have(paths, np, q)) {
				add_node(tr, q, NULL, 0, false);
				paths =
				    realloc(paths, (np + 1) * sizeof *paths);
				paths[np++] = strdup(q);
			}
		}
		free(q);
	}
	if (!have(paths, np, "/"))
		add_node(tr, "/", NULL, 0, false);
	cr_assert_eq(tree_finish(tr, &e), 0, "tree_finish: %s", e.msg);
	for (i = 0; i < np; i++)
		free(paths[i]);
	free(paths);
	free(copy);
}

void
model_text(
    struct tree *tr, struct model *mm, const char *root, const char *text)
{
	struct error e;

	tree_text(tr, text);
	cr_assert_eq(model_from_tree(mm, tr, root, &e), 0, "%s", e.msg);
}

void
load_fixture(struct tree *tr, struct model *mm, const char *name)
{
	char path[512];
	struct error e;

	snprintf(path, sizeof path, "%s/zk/%s/dump.json", FIXTURE_DIR, name);
	cr_assert_eq(tree_load(tr, path, &e), 0, "%s", e.msg);
	cr_assert_eq(model_from_tree(mm, tr, "/", &e), 0, "%s", e.msg);
}

void
opts_sample(struct plan_opts *o)
{
	memset(o, 0, sizeof *o);
	o->mv = mv_parse("3.9-IV0");
	cr_assert_eq(o->mv, 21);
	o->secret = SECRET;
	o->secretlen = strlen(SECRET);
	o->allow = allow_running;
	o->nallow = 1;
	o->timestamp = TIMESTAMP;
}

void
dump_findings(const struct plan *pp)
{
	size_t i;

	for (i = 0; i < pp->findings.n; i++)
		cr_log_info("finding %s%s %s %s: %s",
		    finding_severity_name(pp->findings.v[i].severity),
		    pp->findings.v[i].allowed ? " (allowed)" : "",
		    pp->findings.v[i].code,
		    pp->findings.v[i].path != NULL ? pp->findings.v[i].path
						   : "-",
		    pp->findings.v[i].msg);
}

void
build_plan(struct plan *pp, const struct model *mm, const struct plan_opts *o)
{
	struct error e;

	cr_assert_eq(plan_build(pp, mm, o, &e), 0, "plan_build: %s", e.msg);
}

size_t
ncode(const struct plan *pp, const char *code)
{
	size_t i, n = 0;

	for (i = 0; i < pp->findings.n; i++)
		if (strcmp(pp->findings.v[i].code, code) == 0)
			n++;
	return n;
}

const struct finding *
the_finding(const struct plan *pp, const char *code, const char *path)
{
	const struct finding *f = NULL;
	size_t i, n = 0;

	for (i = 0; i < pp->findings.n; i++) {
		const struct finding *x = &pp->findings.v[i];

		if (strcmp(x->code, code) != 0)
			continue;
		if (path == NULL
			? x->path != NULL
			: x->path == NULL || strcmp(x->path, path) != 0)
			continue;
		f = x;
		n++;
	}
	if (n != 1)
		dump_findings(pp);
	cr_assert_eq(n, 1, "%zu findings %s at %s", n, code,
	    path != NULL ? path : "(none)");
	return f;
}

const struct topic_record *
topic_rec(const struct plan *pp, const char *name)
{
	const struct topic_record *r, *found = NULL;
	size_t i, n = 0;

	for (i = 0; i < pp->tr.nrecords; i++) {
		if (pp->tr.records[i].key != RECORD_TOPIC)
			continue;
		r = pp->tr.records[i].body;
		if (strcmp(r->name, name) == 0) {
			found = r;
			n++;
		}
	}
	cr_assert_leq(n, 1, "%zu TopicRecords %s", n, name);
	return found;
}

void
put_str(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
sample_plan(const char *fixture)
{
	struct plan_opts o;

	load_fixture(&t, &m, fixture);
	opts_sample(&o);
	build_plan(&p, &m, &o);
}
