/*
 * ACLs: the /kafka-acl and /kafka-acl-extended/prefixed stores
 * (zookeeper-layout.md 2.6), read as Kafka's AclAuthorizer reads them.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model-ctx.h"
#include "tree.h"

/*
 * Section 6: Kafka's toPascalCase(enum name) of each code, indexed by
 * code.  UNKNOWN and ANY are in Kafka's maps too.
 */
static const char *const model_acl_types[] = {"Unknown", "Any", "Topic",
    "Group", "Cluster", "TransactionalId", "DelegationToken", "User"};

static const char *const model_acl_ops[] = {"Unknown", "Any", "All", "Read",
    "Write", "Create", "Delete", "Alter", "Describe", "ClusterAction",
    "DescribeConfigs", "AlterConfigs", "IdempotentWrite", "CreateTokens",
    "DescribeTokens"};

static const char *const model_acl_perms[] = {
    "Unknown", "Any", "Deny", "Allow"};

/*
 * String.toUpperCase(Locale.ROOT) as far as it can produce one of the
 * ASCII names above: ASCII letters, plus the few non-ASCII lower-case
 * letters whose upper case is ASCII (dotless i, long s, sharp s and the
 * Latin ligatures).  Anything else cannot match; returns -1 then.
 */
static int
model_java_upper(const char *s, char *out, size_t size)
{
	static const struct {
		const char *utf8;
		const char *upper;
	} special[] = {
	    {"\xc4\xb1", "I"},       /* U+0131 dotless i */
	    {"\xc5\xbf", "S"},       /* U+017F long s */
	    {"\xc3\x9f", "SS"},      /* U+00DF sharp s */
	    {"\xef\xac\x80", "FF"},  /* U+FB00 */
	    {"\xef\xac\x81", "FI"},  /* U+FB01 */
	    {"\xef\xac\x82", "FL"},  /* U+FB02 */
	    {"\xef\xac\x83", "FFI"}, /* U+FB03 */
	    {"\xef\xac\x84", "FFL"}, /* U+FB04 */
	    {"\xef\xac\x85", "ST"},  /* U+FB05 */
	    {"\xef\xac\x86", "ST"},  /* U+FB06 */
	};
	size_t o = 0, i, k;

	while (*s != '\0') {
		if ((unsigned char)*s < 0x80) {
			if (o + 1 >= size)
				return -1;
			out[o++] =
			    (*s >= 'a' && *s <= 'z') ? (char)(*s - 32) : *s;
			s++;
			continue;
		}
		for (k = 0; k < MODEL_NELEM(special); k++) {
			i = strlen(special[k].utf8);
			if (strncmp(s, special[k].utf8, i) == 0)
				break;
		}
		if (k == MODEL_NELEM(special) ||
		    o + strlen(special[k].upper) >= size)
			return -1;
		memcpy(out + o, special[k].upper, strlen(special[k].upper));
		o += strlen(special[k].upper);
		s += i;
	}
	out[o] = '\0';
	return 0;
}

/*
 * SecurityUtils.valueFromMap(): the name as written, then upper-cased,
 * against both spellings of every entry (PascalCase and upper case, which
 * has no underscores).  Returns the code, or 0 (Unknown) when none
 * matches.  up holds only upper-case ASCII letters, so strcasecmp() (in
 * the C locale, which the program never leaves) compares it with the
 * entry's upper case.
 */
static int8_t
model_acl_code(const char *const *tab, size_t n, const char *s)
{
	char up[64];
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, tab[i]) == 0)
			return (int8_t)i;
	if (model_java_upper(s, up, sizeof up) == -1)
		return 0;
	for (i = 0; i < n; i++)
		if (strcasecmp(up, tab[i]) == 0)
			return (int8_t)i;
	return 0;
}

static int
model_cmp_acl(const void *a, const void *b)
{
	const struct model_acl *x = a, *y = b;
	int r;

	if ((r = x->resource_type - y->resource_type) == 0 &&
	    (r = x->pattern_type - y->pattern_type) == 0 &&
	    (r = strcmp(x->resource_name, y->resource_name)) == 0 &&
	    (r = strcmp(x->principal, y->principal)) == 0 &&
	    (r = strcmp(x->host, y->host)) == 0 &&
	    (r = x->operation - y->operation) == 0 &&
	    (r = x->permission - y->permission) == 0 &&
	    (r = strcmp(x->operation_name, y->operation_name)) == 0 &&
	    (r = strcmp(x->permission_name, y->permission_name)) == 0)
		r = strcmp(x->path, y->path);
	return r;
}

/* One "acls" entry: false after a diagnostic (Kafka's reader throws). */
static bool
model_read_ace(struct model_ctx *c, const char *path, json_t *item, size_t i,
    struct model_acl *a)
{
	static const char *const keys[] = {
	    "principal", "permissionType", "host", "operation"};
	const char *val[4];
	int8_t op, perm;
	json_t *v;
	size_t k;

	if (!json_is_object(item)) {
		model_diag(c, MODEL_ERROR, "wrong-type", path,
		    "acls[%zu]: expected an object, found %s", i,
		    model_json_type(item));
		return false;
	}
	for (k = 0; k < 4; k++) {
		if ((v = json_object_get(item, keys[k])) == NULL) {
			model_diag(c, MODEL_ERROR, "missing-field", path,
			    "acls[%zu]: field \"%s\" is missing", i, keys[k]);
			return false;
		}
		val[k] = model_json_str(v);
		if (val[k] == NULL && json_is_string(v)) {
			model_diagk(c, MODEL_ERROR, "bad-value", path,
			    model_kafka_nul(c),
			    "acls[%zu]: field \"%s\": the string contains a "
			    "nul character",
			    i, keys[k]);
			return false;
		}
		if (val[k] == NULL) {
			model_diag(c, MODEL_ERROR, "wrong-type", path,
			    "acls[%zu]: field \"%s\": expected a string, "
			    "found %s",
			    i, keys[k], model_json_type(v));
			return false;
		}
	}
	/* SecurityUtils.parseKafkaPrincipal(): split at the first ':'. */
	if (strchr(val[0], ':') == NULL) {
		model_diag(c, MODEL_ERROR, "bad-principal", path,
		    "acls[%zu]: principal %s is not <type>:<name>", i,
		    model_q(c, val[0]));
		return false;
	}
	op = model_acl_code(model_acl_ops, MODEL_NELEM(model_acl_ops), val[3]);
	if (op < 2)
		model_diag(c, MODEL_WARNING, "acl-unknown-operation", path,
		    "acls[%zu]: operation %s is not an acl operation (Kafka "
		    "migrates it as code %d)",
		    i, model_q(c, val[3]), op);
	perm = model_acl_code(
	    model_acl_perms, MODEL_NELEM(model_acl_perms), val[1]);
	if (perm < 2)
		model_diag(c, MODEL_WARNING, "acl-unknown-permission", path,
		    "acls[%zu]: permissionType %s is neither Allow nor Deny "
		    "(Kafka migrates it as code %d)",
		    i, model_q(c, val[1]), perm);
	a->principal = model_strdup(c, val[0]);
	a->permission_name = model_strdup(c, val[1]);
	a->host = model_strdup(c, val[2]);
	a->operation_name = model_strdup(c, val[3]);
	a->operation = op;
	a->permission = perm;
	return true;
}

/* Two ACEs Kafka's set of AclEntry would hold once. */
static bool
model_same_ace(const struct model_acl *x, const struct model_acl *y)
{
	return strcmp(x->principal, y->principal) == 0 &&
	    strcmp(x->host, y->host) == 0 && x->operation == y->operation &&
	    x->permission == y->permission;
}

/* One resource znode (2.6), as AclEntry.fromBytes() reads it. */
static void
model_read_acl(struct model_ctx *c, const struct znode *n, int8_t type,
    int8_t pattern, struct model_vec *acls)
{
	struct model_acl *a, *base;
	size_t i, start = acls->n, o;
	json_t *j, *arr;
	int32_t version;

	/* Null or empty data: no ACLs, silently, as in Kafka. */
	if (n->data == NULL || n->len == 0)
		return;
	if ((j = model_json(c, n, "Kafka reads no ACLs from it")) == NULL)
		return;
	if (model_need_i32(
		c, MODEL_ERROR, model_path(c, n), j, "version", &version) == -1)
		goto out;
	if (version != 1) {
		model_diag(c, MODEL_ERROR, "unknown-version", model_path(c, n),
		    "acl version %d, expected 1", (int)version);
		goto out;
	}
	if ((arr = model_need_field(c, model_path(c, n), j, "acls", JSON_ARRAY,
		 "an array")) == NULL)
		goto out;
	for (i = 0; i < json_array_size(arr); i++) {
		a = model_vec_push(acls, sizeof *a);
		if (!model_read_ace(
			c, model_path(c, n), json_array_get(arr, i), i, a)) {
			acls->n--;
			continue;
		}
		a->resource_type = type;
		a->resource_name = model_strdup(c, n->name);
		a->pattern_type = pattern;
		a->path = model_strdup(c, model_path(c, n));
	}
	/* Set semantics per resource; the first in sort order stays. */
	base = (struct model_acl *)acls->v + start;
	if (acls->n - start > 1) {
		qsort(base, acls->n - start, sizeof *base, model_cmp_acl);
		for (i = o = 1; i < acls->n - start; i++)
			if (!model_same_ace(&base[o - 1], &base[i]))
				base[o++] = base[i];
		acls->n = start + o;
	}
out:
	json_decref(j);
}

/*
 * One ACL store: /kafka-acl (LITERAL) or /kafka-acl-extended/prefixed.
 * Kafka maps each child directory's name to a resource type, a name it
 * does not know to Unknown (SecurityUtils.resourceType()), then lists the
 * children of the *PascalCase* directory of that type (ZkAclStore.path());
 * so "TOPIC" counts as Topic, but what is below "TOPIC" itself is never
 * read.  The ACLs below "Unknown" it migrates with resource type 0; below
 * "Any" it throws (a ResourcePattern cannot have type ANY).
 */
static void
model_read_acl_store(
    struct model_ctx *c, const char *rel, int8_t pattern, struct model_vec *v)
{
	const struct znode *store, *d;
	const char *name;
	int8_t rt;
	size_t i, k, n;

	if ((store = model_at(c, rel)) == NULL)
		return;
	for (i = 0; i < store->nchildren; i++) {
		d = tree_child_at(c->t, store, i);
		rt = model_acl_code(
		    model_acl_types, MODEL_NELEM(model_acl_types), d->name);
		name = model_acl_types[rt];
		if (strcmp(d->name, name) != 0) {
			if (d->nchildren > 0)
				model_diag(c, MODEL_WARNING,
				    "acl-ignored-directory", model_path(c, d),
				    "Kafka reads resource type %s from "
				    "%s/%s, so the acls below this directory "
				    "are ignored",
				    name, model_path(c, store), name);
			continue;
		}
		if (rt == 1) {
			if (d->nchildren > 0)
				model_diag(c, MODEL_ERROR,
				    "acl-any-resource-type", model_path(c, d),
				    "%zu resources below resource type Any, "
				    "which no resource pattern can have",
				    (size_t)d->nchildren);
			continue;
		}
		for (k = 0; k < d->nchildren; k++) {
			n = v->n;
			model_read_acl(
			    c, tree_child_at(c->t, d, k), rt, pattern, v);
			if (rt == 0 && v->n > n)
				model_diag(c, MODEL_WARNING,
				    "acl-unknown-resource-type",
				    model_path(c, tree_child_at(c->t, d, k)),
				    "resource type Unknown: Kafka migrates "
				    "these acls with code 0");
		}
	}
}

void
model_read_acls(struct model_ctx *c)
{
	struct model_vec v = {0};
	struct model *m = c->m;

	c->kafka = MODEL_KAFKA_FAILS;
	c->kafka_nul = MODEL_KAFKA_NUL;
	model_read_acl_store(c, "kafka-acl", 3, &v);
	model_read_acl_store(c, "kafka-acl-extended/prefixed", 4, &v);
	c->kafka = c->kafka_nul = NULL;
	m->acls = model_vec_take(m, &v, sizeof *m->acls, &m->nacls);
	if (m->nacls > 0)
		qsort(m->acls, m->nacls, sizeof *m->acls, model_cmp_acl);
}
