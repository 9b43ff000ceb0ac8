/*
 * Brokers: /brokers/ids/<id> (zookeeper-layout.md 2.3), decoded as
 * BrokerIdZNode.decode() does, endpoints and all.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "jnum.h"
#include "model-ctx.h"
#include "tree.h"
#include "xmalloc.h"

static const char *const model_protocols[] = {
    "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"};

/* SecurityProtocol.forName(): upper-cased, then one of the four. */
static const char *
model_protocol(const char *s)
{
	char up[16];
	size_t i;

	for (i = 0; s[i] != '\0' && i < sizeof up - 1; i++)
		up[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
	if (s[i] != '\0')
		return NULL;
	up[i] = '\0';
	for (i = 0; i < MODEL_NELEM(model_protocols); i++)
		if (strcmp(up, model_protocols[i]) == 0)
			return model_protocols[i];
	return NULL;
}

static bool
model_host_char(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
	    (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '%' || ch == '.' ||
	    ch == '_' || ch == ':';
}

/*
 * EndPoint.createEndPoint(): the whole string must match
 * ^(.*)://\[?([0-9a-zA-Z\-%._:]*)\]?:(-?[0-9]+).  The greedy (.*) takes
 * the last "://"; the port follows the last ':'.  protomap is the
 * listener_security_protocol_map (keys compared exactly, as Kafka builds
 * them with new ListenerName()) or NULL.  Returns NULL or why it fails.
 */
static const char *
model_endpoint(struct model_ctx *c, const char *s, json_t *protomap,
    struct model_endpoint *ep)
{
	const char *sep = NULL, *p, *host, *hend, *colon, *proto;
	char *listener;
	size_t i;
	int32_t port;

	for (p = s; (p = strstr(p, "://")) != NULL; p++)
		sep = p;
	if (sep == NULL)
		return "not of the form <listener>://<host>:<port>";
	/* Java's '.' does not match line terminators. */
	for (p = s; p < sep; p++)
		if (*p == '\n' || *p == '\r' ||
		    (p + 1 < sep && (unsigned char)p[0] == 0xc2 &&
			(unsigned char)p[1] == 0x85) ||
		    (p + 2 < sep && (unsigned char)p[0] == 0xe2 &&
			(unsigned char)p[1] == 0x80 &&
			((unsigned char)p[2] == 0xa8 ||
			    (unsigned char)p[2] == 0xa9)))
			return "the listener name contains a line break";
	host = sep + 3;
	if (*host == '[')
		host++;
	if ((colon = strrchr(host, ':')) == NULL)
		return "not of the form <listener>://<host>:<port>";
	hend = colon;
	if (hend > host && hend[-1] == ']')
		hend--;
	for (p = host; p < hend; p++)
		if (!model_host_char(*p))
			return "the host has a character Kafka does not "
			       "accept";
	p = colon + 1;
	if (*p == '-')
		p++;
	if (*p == '\0')
		return "no port";
	for (; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return "the port is not a number";
	if (jnum_parse_i32(colon + 1, &port) == -1)
		return "the port does not fit in a 32-bit integer";

	/* ListenerName.normalised(): upper case (ASCII here). */
	listener = arena_strndup(&c->m->arena, s, (size_t)(sep - s));
	for (i = 0; listener[i] != '\0'; i++)
		if (listener[i] >= 'a' && listener[i] <= 'z')
			listener[i] = (char)(listener[i] - 32);
	if (protomap != NULL) {
		if ((p = model_json_str(json_object_get(protomap, listener))) ==
		    NULL)
			return "listener_security_protocol_map has no "
			       "protocol for this listener";
		proto = model_protocol(p);
	} else if ((proto = model_protocol(listener)) == NULL ||
	    strcmp(proto, listener) != 0)
		return "no listener_security_protocol_map and the listener "
		       "is not a protocol name";
	ep->listener = listener;
	ep->host = arena_strndup(&c->m->arena, host, (size_t)(hend - host));
	ep->port = port;
	ep->protocol = proto;
	return NULL;
}

/*
 * host, port and the endpoints of a broker registration of version 2 or
 * later, each endpoint's protocol from listener_security_protocol_map.
 * False after an error that makes Kafka's decoder throw.
 */
static bool
model_read_endpoints(
    struct model_ctx *c, const char *path, json_t *j, struct model_broker *b)
{
	json_t *map, *eps, *v;
	const char *s, *why, *k;
	size_t i;

	if (model_get_str(c, MODEL_WARNING, path, j, "host", true, &s) == 0)
		b->host = model_strdup(c, s);
	(void)model_get_i32(c, MODEL_WARNING, path, j, "port", &b->port);

	if (model_get_object(
		c, path, j, "listener_security_protocol_map", &map) == -1)
		return false;
	if (map != NULL) {
		json_object_foreach(map, k, v)
		{
			if ((s = model_json_str(v)) == NULL ||
			    model_protocol(s) == NULL) {
				model_diag(c, MODEL_ERROR, "bad-value", path,
				    "listener_security_protocol_map: "
				    "listener %s has no valid security "
				    "protocol",
				    model_q(c, k));
				return false;
			}
		}
	}
	if ((eps = model_need_field(c, path, j, "endpoints", JSON_ARRAY,
		 "an array of strings")) == NULL)
		return false;
	b->nendpoints = json_array_size(eps);
	b->endpoints =
	    arena_alloc(&c->m->arena, b->nendpoints * sizeof *b->endpoints);
	for (i = 0; i < b->nendpoints; i++) {
		if ((s = model_array_str(c, path, eps, i, "endpoints")) == NULL)
			return false;
		if ((why = model_endpoint(c, s, map, &b->endpoints[i])) !=
		    NULL) {
			model_diag(c, MODEL_ERROR, "bad-endpoint", path,
			    "endpoint %s: %s", model_q(c, s), why);
			return false;
		}
	}
	return true;
}

/*
 * One /brokers/ids/<id> znode (2.3), decoded as BrokerIdZNode.decode()
 * does.  Anything that makes Kafka's decoder throw drops the broker;
 * returns false then.
 */
static bool
model_read_broker(struct model_ctx *c, const struct znode *n, int32_t id,
    struct model_broker *b)
{
	const char *path = model_path(c, n), *s;
	bool ok = false;
	json_t *j, *v;
	int64_t ts;

	if ((j = model_json(c, n, NULL)) == NULL)
		return false;
	b->id = id;
	b->ephemeral = tree_stat(n).ephemeral_owner != 0;
	b->epoch = tree_stat(n).czxid;
	b->port = -1;
	b->jmx_port = -1;
	b->timestamp = -1;
	if (model_need_i32(c, MODEL_ERROR, path, j, "version", &b->version) ==
	    -1)
		goto out;
	if (b->version < 1 || b->version > 5) {
		model_diag(c, MODEL_ERROR, "unknown-version", path,
		    "broker registration version %d, expected 1 to 5",
		    (int)b->version);
		goto out;
	}
	if (model_need_i32(c, MODEL_ERROR, path, j, "jmx_port", &b->jmx_port) ==
	    -1)
		goto out;

	/* host and port only matter to Kafka in version 1. */
	if (b->version == 1) {
		if (model_need_str(c, MODEL_ERROR, path, j, "host", &s) == -1 ||
		    model_need_i32(c, MODEL_ERROR, path, j, "port", &b->port) ==
			-1)
			goto out;
		b->host = model_strdup(c, s);
		b->endpoints = arena_alloc(&c->m->arena, sizeof *b->endpoints);
		b->nendpoints = 1;
		b->endpoints[0].listener = "PLAINTEXT";
		b->endpoints[0].protocol = "PLAINTEXT";
		b->endpoints[0].host = b->host;
		b->endpoints[0].port = b->port;
	} else if (!model_read_endpoints(c, path, j, b))
		goto out;
	if (model_get_str(c, MODEL_ERROR, path, j, "rack", true, &s) == -1)
		goto out;
	if (json_is_string(json_object_get(j, "rack")))
		b->rack = model_strdup(c, s);
	/* Not read by Kafka: a decimal string, tolerated as a number. */
	v = json_object_get(j, "timestamp");
	if ((s = model_json_str(v)) != NULL &&
	    jnum_parse_long(s, INT64_MIN, INT64_MAX, &ts) == 0)
		b->timestamp = ts;
	else if (json_is_integer(v))
		b->timestamp = json_integer_value(v);
	ok = true;
out:
	json_decref(j);
	return ok;
}

/* A broker znode's id and its place among /brokers/ids' children. */
struct model_broker_ref {
	int32_t id;
	size_t child;
};

static int
model_cmp_broker_ref(const void *a, const void *b)
{
	const struct model_broker_ref *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->child > y->child) - (x->child < y->child);
}

void
model_read_brokers(struct model_ctx *c)
{
	const struct znode *dir, *n;
	struct model_broker_ref *refs;
	struct model_broker *b;
	struct model_vec v = {0};
	size_t i, nrefs = 0;

	if ((dir = model_at(c, "brokers/ids")) == NULL)
		return;
	refs = xcalloc(dir->nchildren + 1, sizeof *refs);
	for (i = 0; i < dir->nchildren; i++) {
		n = tree_child_at(c->t, dir, i);
		if (jnum_parse_i32(n->name, &refs[nrefs].id) == -1 ||
		    refs[nrefs].id < 0) {
			model_diag(c, MODEL_ERROR, "bad-name", model_path(c, n),
			    "broker id %s is not a non-negative 32-bit "
			    "integer",
			    model_q(c, n->name));
			continue;
		}
		refs[nrefs++].child = i;
	}
	if (nrefs > 0)
		qsort(refs, nrefs, sizeof *refs, model_cmp_broker_ref);
	for (i = 0; i < nrefs; i++) {
		n = tree_child_at(c->t, dir, refs[i].child);
		/* "1" and "01" both parse to 1: the first name wins. */
		if (i > 0 && refs[i].id == refs[i - 1].id) {
			model_diag(c, MODEL_ERROR, "duplicate-broker",
			    model_path(c, n),
			    "another znode already registers broker %d",
			    (int)refs[i].id);
			continue;
		}
		b = model_vec_push(&v, sizeof *b);
		if (!model_read_broker(c, n, refs[i].id, b))
			v.n--;
	}
	free(refs);
	c->m->brokers = model_vec_take(c->m, &v, sizeof *b, &c->m->nbrokers);
}
