/*
 * KRaft metadata images (see image.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "image.h"
#include "records.h"
#include "xmalloc.h"

/* A string-keyed hash map to array indexes; keys are copied. */
struct image_hent {
	char *key;
	size_t klen;
	size_t val;
};

struct image_map {
	struct image_hent *v;
	size_t cap, n;
};

struct image_index {
	struct image_map topics_by_id, configs, quotas, scram, acls, tokens,
	    features;
	/* Whether each entry is live (removal keeps the slot). */
	bool *config_live, *quota_live, *scram_live, *acl_live, *token_live;
	size_t topic_cap, config_cap, quota_cap, scram_cap, acl_cap, token_cap,
	    feature_cap;
};

static uint64_t
image_hash(const char *k, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (uint8_t)k[i]) * 1099511628211ULL;
	return h;
}

/* The slot of key: found (its entry) or empty (key NULL). */
static struct image_hent *
image_map_slot(struct image_map *m, const char *k, size_t n)
{
	size_t i = (size_t)image_hash(k, n) & (m->cap - 1);

	while (m->v[i].key != NULL &&
	    (m->v[i].klen != n || memcmp(m->v[i].key, k, n) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

static void
image_map_grow(struct image_map *m)
{
	struct image_map old = *m;
	size_t i;

	m->cap = old.cap == 0 ? 64 : old.cap * 2;
	m->v = xcalloc(m->cap, sizeof *m->v);
	for (i = 0; i < old.cap; i++)
		if (old.v[i].key != NULL)
			*image_map_slot(m, old.v[i].key, old.v[i].klen) =
			    old.v[i];
	free(old.v);
}

/* Look key up: true and *val when present. */
static bool
image_map_get(struct image_map *m, const void *k, size_t n, size_t *val)
{
	struct image_hent *h;

	if (m->cap == 0)
		return false;
	h = image_map_slot(m, k, n);
	if (h->key == NULL)
		return false;
	*val = h->val;
	return true;
}

static void
image_map_put(struct image_map *m, const void *k, size_t n, size_t val)
{
	struct image_hent *h;

	if ((m->n + 1) * 2 > m->cap)
		image_map_grow(m);
	h = image_map_slot(m, k, n);
	if (h->key == NULL) {
		h->key = xmalloc(n > 0 ? n : 1);
		memcpy(h->key, k, n);
		h->klen = n;
		m->n++;
	}
	h->val = val;
}

static void
image_map_free(struct image_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof *m);
}

static struct image_index *
image_ix(struct image *im)
{
	if (im->index == NULL) {
		im->index = xcalloc(1, sizeof(struct image_index));
		if (im->metadata_version == 0)
			im->metadata_version = -1;
	}
	return im->index;
}

/* Grow *v (elements of size) so that it holds n + 1; *cap tracks it. */
static void *
image_grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap == 0 ? 16 : *cap * 2;
	return xreallocarray(v, *cap, size);
}

/* The live flags beside an array that image_grow() made cap long. */
static bool *
image_grow_live(bool *v, size_t cap)
{
	return xreallocarray(v, cap, sizeof *v);
}

static const char *
image_str(struct image *im, const char *s)
{
	return s == NULL ? NULL : arena_strndup(&im->arena, s, strlen(s));
}

static struct image_i32s
image_i32s(struct image *im, const struct karray *a)
{
	struct image_i32s r = {0};

	if (a->null || a->n == 0)
		return r;
	r.n = a->n;
	r.v = arena_memdup(&im->arena, a->v, a->n * sizeof(int32_t));
	return r;
}

static struct kbytes
image_bytes(struct image *im, const struct kbytes *b)
{
	struct kbytes r = {.len = b->len, .null = b->null};

	if (b->len > 0)
		r.p = arena_memdup(&im->arena, b->p, b->len);
	return r;
}

static struct image_topic *
image_topic_by_id(struct image *im, const struct kuuid *id)
{
	size_t i;

	if (!image_map_get(&image_ix(im)->topics_by_id, id->b, 16, &i))
		return NULL;
	return im->topics[i].removed ? NULL : &im->topics[i];
}

/* The partition id of t, or a new one when create; records come in id
 * order (translation and Kafka's image writer alike), so a binary search
 * serves until one does not. */
static struct image_partition *
image_partition(struct image_topic *t, int32_t id, bool create)
{
	size_t i, lo = 0, hi = t->npartitions;

	if (t->unsorted) {
		for (i = 0; i < t->npartitions; i++)
			if (t->partitions[i].id == id)
				return &t->partitions[i];
	} else {
		while (lo < hi) {
			i = lo + (hi - lo) / 2;
			if (t->partitions[i].id == id)
				return &t->partitions[i];
			if (t->partitions[i].id < id)
				lo = i + 1;
			else
				hi = i;
		}
	}
	if (!create)
		return NULL;
	if (t->npartitions > 0 && t->partitions[t->npartitions - 1].id > id)
		t->unsorted = true;
	t->partitions = image_grow(
	    t->partitions, t->npartitions, &t->cap, sizeof *t->partitions);
	memset(&t->partitions[t->npartitions], 0, sizeof *t->partitions);
	t->partitions[t->npartitions].id = id;
	return &t->partitions[t->npartitions++];
}

static int
image_unknown_topic(
    const char *what, const struct kuuid *id, int32_t p, struct error *e)
{
	char s[B64_UUID_LEN + 1];

	return error_set(e, EXIT_FAIL,
	    "%s for partition %d of topic id %s, which does not exist", what, p,
	    b64_uuid_str(id, s));
}

static void
image_config_put(struct image *im, int8_t type, const char *resource,
    const char *key, const char *value)
{
	struct image_index *ix = image_ix(im);
	char *k;
	size_t kl, i;

	kl = (size_t)asprintf(&k, "%d%c%s%c%s", type, 0, resource, 0, key);
	if (k == NULL)
		fatalx("out of memory");
	if (!image_map_get(&ix->configs, k, kl, &i)) {
		if (value == NULL) {
			free(k);
			return;
		}
		i = im->nconfigs;
		im->configs = image_grow(im->configs, im->nconfigs,
		    &ix->config_cap, sizeof *im->configs);
		ix->config_live =
		    image_grow_live(ix->config_live, ix->config_cap);
		im->configs[i].resource_type = type;
		im->configs[i].resource = image_str(im, resource);
		im->configs[i].key = image_str(im, key);
		im->nconfigs++;
		image_map_put(&ix->configs, k, kl, i);
	}
	free(k);
	im->configs[i].value = image_str(im, value);
	ix->config_live[i] = value != NULL;
}

static int
image_quota_entity_cmp(const void *a, const void *b)
{
	const struct client_quota_record_entity_data *x = a, *y = b;

	return strcmp(x->entity_type, y->entity_type);
}

static void
image_quota(struct image *im, const struct client_quota_record *r)
{
	struct image_index *ix = image_ix(im);
	struct client_quota_record_entity_data *ed;
	struct buf b = {0};
	size_t i, n = r->entity.n;

	ed = xreallocarray(NULL, n > 0 ? n : 1, sizeof *ed);
	if (n > 0)
		memcpy(ed, r->entity.v, n * sizeof *ed);
	qsort(ed, n, sizeof *ed, image_quota_entity_cmp);
	for (i = 0; i < n; i++) {
		const char *name =
		    ed[i].entity_name != NULL ? ed[i].entity_name : "<default>";

		if (i > 0)
			buf_put(&b, ", ", 2);
		buf_put(&b, ed[i].entity_type, strlen(ed[i].entity_type));
		buf_put_u8(&b, '=');
		buf_put(&b, name, strlen(name));
	}
	buf_put_u8(&b, '\0');
	buf_put(&b, r->key, strlen(r->key));
	free(ed);
	if (!image_map_get(&ix->quotas, b.data, b.len, &i)) {
		if (r->remove) {
			buf_free(&b);
			return;
		}
		i = im->nquotas;
		im->quotas = image_grow(im->quotas, im->nquotas, &ix->quota_cap,
		    sizeof *im->quotas);
		ix->quota_live = image_grow_live(ix->quota_live, ix->quota_cap);
		im->quotas[i].entity = image_str(im, (const char *)b.data);
		im->quotas[i].key = image_str(im, r->key);
		im->nquotas++;
		image_map_put(&ix->quotas, b.data, b.len, i);
	}
	buf_free(&b);
	im->quotas[i].value = r->value;
	ix->quota_live[i] = !r->remove;
}

static size_t
image_scram_slot(
    struct image *im, const char *user, int8_t mech, bool create, bool *found)
{
	struct image_index *ix = image_ix(im);
	char *k;
	size_t kl, i = 0;

	kl = (size_t)asprintf(&k, "%s%c%d", user, 0, mech);
	if (k == NULL)
		fatalx("out of memory");
	*found = image_map_get(&ix->scram, k, kl, &i);
	if (!*found && create) {
		i = im->nscram;
		im->scram = image_grow(
		    im->scram, im->nscram, &ix->scram_cap, sizeof *im->scram);
		ix->scram_live = image_grow_live(ix->scram_live, ix->scram_cap);
		memset(&im->scram[i], 0, sizeof im->scram[i]);
		im->scram[i].user = image_str(im, user);
		im->scram[i].mechanism = mech;
		im->nscram++;
		image_map_put(&ix->scram, k, kl, i);
	}
	free(k);
	return i;
}

static void
image_feature(struct image *im, const struct feature_level_record *r)
{
	struct image_index *ix = image_ix(im);
	size_t i;

	if (strcmp(r->name, "metadata.version") == 0) {
		im->metadata_version = r->feature_level;
		return;
	}
	if (!image_map_get(&ix->features, r->name, strlen(r->name), &i)) {
		i = im->nfeatures;
		im->features = image_grow(im->features, im->nfeatures,
		    &ix->feature_cap, sizeof *im->features);
		im->features[i].name = image_str(im, r->name);
		im->nfeatures++;
		image_map_put(&ix->features, r->name, strlen(r->name), i);
	}
	im->features[i].level = r->feature_level;
}

/* The records image_apply() applies: the ones verify compares. */
static const int16_t image_compared[] = {
    RECORD_FEATURE_LEVEL,
    RECORD_TOPIC,
    RECORD_PARTITION,
    RECORD_PARTITION_CHANGE,
    RECORD_REMOVE_TOPIC,
    RECORD_CONFIG,
    RECORD_CLIENT_QUOTA,
    RECORD_USER_SCRAM_CREDENTIAL,
    RECORD_REMOVE_USER_SCRAM_CREDENTIAL,
    RECORD_ACCESS_CONTROL_ENTRY,
    RECORD_REMOVE_ACCESS_CONTROL_ENTRY,
    RECORD_DELEGATION_TOKEN,
    RECORD_REMOVE_DELEGATION_TOKEN,
    RECORD_PRODUCER_IDS,
};

static bool
image_compares(int16_t key)
{
	size_t i;

	for (i = 0; i < sizeof image_compared / sizeof image_compared[0]; i++)
		if (image_compared[i] == key)
			return true;
	return false;
}

static size_t
image_key_slot(int16_t key)
{
	return key < 0 || key >= IMAGE_KEYS ? IMAGE_KEYS - 1 : (size_t)key;
}

const char *
image_key_name(int key)
{
	const struct record_type *rt = record_type_find(false, key);

	return rt != NULL ? rt->name : "an unknown record type";
}

static void
image_topic(struct image *im, const struct topic_record *r)
{
	struct image_index *ix = image_ix(im);
	size_t i;

	if (image_map_get(&ix->topics_by_id, r->topic_id.b, 16, &i) &&
	    !im->topics[i].removed) {
		im->topics[i].name = image_str(im, r->name);
		return;
	}
	i = im->ntopics;
	im->topics = image_grow(
	    im->topics, im->ntopics, &ix->topic_cap, sizeof *im->topics);
	memset(&im->topics[i], 0, sizeof im->topics[i]);
	im->topics[i].name = image_str(im, r->name);
	im->topics[i].id = r->topic_id;
	im->ntopics++;
	image_map_put(&ix->topics_by_id, r->topic_id.b, 16, i);
}

static int
image_partition_record(
    struct image *im, const struct partition_record *r, struct error *e)
{
	struct image_topic *t;
	struct image_partition *p;

	if ((t = image_topic_by_id(im, &r->topic_id)) == NULL)
		return image_unknown_topic(
		    "PartitionRecord", &r->topic_id, r->partition_id, e);
	p = image_partition(t, r->partition_id, true);
	p->replicas = image_i32s(im, &r->replicas);
	p->isr = image_i32s(im, &r->isr);
	p->removing = image_i32s(im, &r->removing_replicas);
	p->adding = image_i32s(im, &r->adding_replicas);
	p->leader = r->leader;
	p->leader_recovery_state = r->leader_recovery_state;
	p->leader_epoch = r->leader_epoch;
	p->partition_epoch = r->partition_epoch;
	p->has_record = true;
	p->record_isr = p->isr;
	p->record_leader = r->leader;
	p->record_leader_epoch = r->leader_epoch;
	p->record_partition_epoch = r->partition_epoch;
	return 0;
}

/* As Kafka's PartitionRegistration.merge(). */
static int
image_partition_change(
    struct image *im, const struct partition_change_record *r, struct error *e)
{
	struct image_topic *t;
	struct image_partition *p;

	if ((t = image_topic_by_id(im, &r->topic_id)) == NULL ||
	    (p = image_partition(t, r->partition_id, false)) == NULL)
		return image_unknown_topic(
		    "PartitionChangeRecord", &r->topic_id, r->partition_id, e);
	if (!r->isr.null)
		p->isr = image_i32s(im, &r->isr);
	if (!r->replicas.null)
		p->replicas = image_i32s(im, &r->replicas);
	if (!r->removing_replicas.null)
		p->removing = image_i32s(im, &r->removing_replicas);
	if (!r->adding_replicas.null)
		p->adding = image_i32s(im, &r->adding_replicas);
	if (r->leader != -2) {
		p->leader = r->leader;
		p->leader_epoch++;
	}
	if (r->leader_recovery_state != -1)
		p->leader_recovery_state = r->leader_recovery_state;
	p->partition_epoch++;
	return 0;
}

static void
image_remove_topic(struct image *im, const struct remove_topic_record *r)
{
	struct image_index *ix = image_ix(im);
	struct image_topic *t;
	size_t j;

	if ((t = image_topic_by_id(im, &r->topic_id)) == NULL)
		return;
	t->removed = true;
	/* Kafka drops the topic's configs with it. */
	for (j = 0; j < im->nconfigs; j++)
		if (im->configs[j].resource_type == 2 &&
		    strcmp(im->configs[j].resource, t->name) == 0)
			ix->config_live[j] = false;
}

static void
image_scram(struct image *im, const struct user_scram_credential_record *r)
{
	struct image_index *ix = image_ix(im);
	bool found;
	size_t i;

	i = image_scram_slot(im, r->name, r->mechanism, true, &found);
	im->scram[i].salt = image_bytes(im, &r->salt);
	im->scram[i].stored_key = image_bytes(im, &r->stored_key);
	im->scram[i].server_key = image_bytes(im, &r->server_key);
	im->scram[i].iterations = r->iterations;
	ix->scram_live[i] = true;
}

static void
image_remove_scram(
    struct image *im, const struct remove_user_scram_credential_record *r)
{
	struct image_index *ix = image_ix(im);
	bool found;
	size_t i;

	i = image_scram_slot(im, r->name, r->mechanism, false, &found);
	if (found)
		ix->scram_live[i] = false;
}

static void
image_acl(struct image *im, const struct access_control_entry_record *r)
{
	struct image_index *ix = image_ix(im);
	struct image_acl *a;
	size_t i;

	if (!image_map_get(&ix->acls, r->id.b, 16, &i)) {
		i = im->nacls;
		im->acls = image_grow(
		    im->acls, im->nacls, &ix->acl_cap, sizeof *im->acls);
		ix->acl_live = image_grow_live(ix->acl_live, ix->acl_cap);
		im->nacls++;
		image_map_put(&ix->acls, r->id.b, 16, i);
	}
	a = &im->acls[i];
	a->id = r->id;
	a->resource_type = r->resource_type;
	a->resource_name = image_str(im, r->resource_name);
	a->pattern_type = r->pattern_type;
	a->principal = image_str(im, r->principal);
	a->host = image_str(im, r->host);
	a->operation = r->operation;
	a->permission = r->permission_type;
	ix->acl_live[i] = true;
}

static void
image_token(struct image *im, const struct delegation_token_record *r)
{
	struct image_index *ix = image_ix(im);
	struct image_token *tk;
	size_t i, j;

	if (!image_map_get(&ix->tokens, r->token_id, strlen(r->token_id), &i)) {
		i = im->ntokens;
		im->tokens = image_grow(im->tokens, im->ntokens, &ix->token_cap,
		    sizeof *im->tokens);
		ix->token_live = image_grow_live(ix->token_live, ix->token_cap);
		im->ntokens++;
		image_map_put(&ix->tokens, r->token_id, strlen(r->token_id), i);
	}
	tk = &im->tokens[i];
	tk->token_id = image_str(im, r->token_id);
	tk->owner = image_str(im, r->owner);
	tk->requester = image_str(im, r->requester);
	tk->nrenewers = r->renewers.n;
	tk->renewers = arena_alloc(&im->arena,
	    (r->renewers.n > 0 ? r->renewers.n : 1) * sizeof(char *));
	for (j = 0; j < r->renewers.n; j++)
		tk->renewers[j] =
		    image_str(im, KARRAY_AT(r->renewers, char *, j));
	tk->issue_timestamp = r->issue_timestamp;
	tk->max_timestamp = r->max_timestamp;
	tk->expiration_timestamp = r->expiration_timestamp;
	ix->token_live[i] = true;
}

/* A removal by key: the entry of map under k (n bytes) is no longer live. */
static void
image_remove(struct image_map *map, bool *live, const void *k, size_t n)
{
	size_t i;

	if (image_map_get(map, k, n, &i))
		live[i] = false;
}

int
image_apply(struct image *im, const struct record *rec, struct error *e)
{
	struct image_index *ix = image_ix(im);

	if (rec->control)
		return 0;
	if (rec->body == NULL) {
		im->skipped++;
		im->undecoded_by_key[image_key_slot(rec->key)]++;
		if (image_compares(rec->key))
			return error_set(e, EXIT_FAIL,
			    "%s v%d: a record verify compares, at a version "
			    "this release cannot decode",
			    image_key_name(rec->key), rec->version);
		return 0;
	}
	switch (rec->key) {
	case RECORD_FEATURE_LEVEL:
		image_feature(im, rec->body);
		break;
	case RECORD_TOPIC:
		image_topic(im, rec->body);
		break;
	case RECORD_PARTITION:
		if (image_partition_record(im, rec->body, e) == -1)
			return -1;
		break;
	case RECORD_PARTITION_CHANGE:
		if (image_partition_change(im, rec->body, e) == -1)
			return -1;
		break;
	case RECORD_REMOVE_TOPIC:
		image_remove_topic(im, rec->body);
		break;
	case RECORD_CONFIG: {
		const struct config_record *r = rec->body;

		image_config_put(
		    im, r->resource_type, r->resource_name, r->name, r->value);
		break;
	}
	case RECORD_CLIENT_QUOTA:
		image_quota(im, rec->body);
		break;
	case RECORD_USER_SCRAM_CREDENTIAL:
		image_scram(im, rec->body);
		break;
	case RECORD_REMOVE_USER_SCRAM_CREDENTIAL:
		image_remove_scram(im, rec->body);
		break;
	case RECORD_ACCESS_CONTROL_ENTRY:
		image_acl(im, rec->body);
		break;
	case RECORD_REMOVE_ACCESS_CONTROL_ENTRY: {
		const struct remove_access_control_entry_record *r = rec->body;

		image_remove(&ix->acls, ix->acl_live, r->id.b, 16);
		break;
	}
	case RECORD_DELEGATION_TOKEN:
		image_token(im, rec->body);
		break;
	case RECORD_REMOVE_DELEGATION_TOKEN: {
		const struct remove_delegation_token_record *r = rec->body;

		image_remove(&ix->tokens, ix->token_live, r->token_id,
		    strlen(r->token_id));
		break;
	}
	case RECORD_PRODUCER_IDS: {
		const struct producer_ids_record *r = rec->body;

		im->has_producer_ids = true;
		im->next_producer_id = r->next_producer_id;
		break;
	}
	default:
		/* Registrations, fencing, NoOp, the migration state and the
		 * transaction markers: not part of what verify compares. */
		im->skipped++;
		im->skipped_by_key[image_key_slot(rec->key)]++;
		return 0;
	}
	im->applied++;
	return 0;
}

static int
image_topic_cmp(const void *a, const void *b)
{
	return strcmp(((const struct image_topic *)a)->name,
	    ((const struct image_topic *)b)->name);
}

static int
image_partition_cmp(const void *a, const void *b)
{
	int32_t x = ((const struct image_partition *)a)->id;
	int32_t y = ((const struct image_partition *)b)->id;

	return (x > y) - (x < y);
}

int
image_config_cmp(const struct image_config *a, const struct image_config *b)
{
	int c;

	if (a->resource_type != b->resource_type)
		return a->resource_type - b->resource_type;
	if ((c = strcmp(a->resource, b->resource)) != 0)
		return c;
	return strcmp(a->key, b->key);
}

static int
image_config_qcmp(const void *a, const void *b)
{
	return image_config_cmp(a, b);
}

static int
image_quota_cmp(const void *va, const void *vb)
{
	const struct image_quota *a = va, *b = vb;
	int c = strcmp(a->entity, b->entity);

	return c != 0 ? c : strcmp(a->key, b->key);
}

static int
image_scram_cmp(const void *va, const void *vb)
{
	const struct image_scram *a = va, *b = vb;
	int c = strcmp(a->user, b->user);

	return c != 0 ? c : a->mechanism - b->mechanism;
}

int
image_acl_cmp(const struct image_acl *a, const struct image_acl *b)
{
	int c;

	if (a->resource_type != b->resource_type)
		return a->resource_type - b->resource_type;
	if (a->pattern_type != b->pattern_type)
		return a->pattern_type - b->pattern_type;
	if ((c = strcmp(a->resource_name, b->resource_name)) != 0)
		return c;
	if ((c = strcmp(a->principal, b->principal)) != 0)
		return c;
	if ((c = strcmp(a->host, b->host)) != 0)
		return c;
	if (a->operation != b->operation)
		return a->operation - b->operation;
	return a->permission - b->permission;
}

static int
image_acl_qcmp(const void *a, const void *b)
{
	return image_acl_cmp(a, b);
}

static int
image_token_cmp(const void *a, const void *b)
{
	return strcmp(((const struct image_token *)a)->token_id,
	    ((const struct image_token *)b)->token_id);
}

static int
image_feature_cmp(const void *a, const void *b)
{
	return strcmp(((const struct image_feature *)a)->name,
	    ((const struct image_feature *)b)->name);
}

/* Keep the live elements of v (n of size bytes) in order; the new count. */
static size_t
image_compact(void *v, size_t n, size_t size, const bool *live)
{
	char *p = v;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (live[i]) {
			if (k != i)
				memcpy(p + k * size, p + i * size, size);
			k++;
		}
	return k;
}

void
image_finish(struct image *im)
{
	struct image_index *ix = image_ix(im);
	size_t i, k = 0;

	for (i = 0; i < im->ntopics; i++) {
		if (!im->topics[i].removed)
			im->topics[k++] = im->topics[i];
		else
			free(im->topics[i].partitions);
	}
	im->ntopics = k;
	for (i = 0; i < im->ntopics; i++)
		if (im->topics[i].npartitions > 1)
			qsort(im->topics[i].partitions,
			    im->topics[i].npartitions,
			    sizeof *im->topics[i].partitions,
			    image_partition_cmp);
	if (im->nconfigs > 0)
		im->nconfigs = image_compact(im->configs, im->nconfigs,
		    sizeof *im->configs, ix->config_live);
	if (im->nquotas > 0)
		im->nquotas = image_compact(im->quotas, im->nquotas,
		    sizeof *im->quotas, ix->quota_live);
	if (im->nscram > 0)
		im->nscram = image_compact(
		    im->scram, im->nscram, sizeof *im->scram, ix->scram_live);
	if (im->nacls > 0)
		im->nacls = image_compact(
		    im->acls, im->nacls, sizeof *im->acls, ix->acl_live);
	if (im->ntokens > 0)
		im->ntokens = image_compact(im->tokens, im->ntokens,
		    sizeof *im->tokens, ix->token_live);
#define IMAGE_SORT(v, n, cmp)                                                  \
	do {                                                                   \
		if ((n) > 1)                                                   \
			qsort((v), (n), sizeof *(v), (cmp));                   \
	} while (0)
	IMAGE_SORT(im->topics, im->ntopics, image_topic_cmp);
	IMAGE_SORT(im->configs, im->nconfigs, image_config_qcmp);
	IMAGE_SORT(im->quotas, im->nquotas, image_quota_cmp);
	IMAGE_SORT(im->scram, im->nscram, image_scram_cmp);
	IMAGE_SORT(im->acls, im->nacls, image_acl_qcmp);
	IMAGE_SORT(im->tokens, im->ntokens, image_token_cmp);
	IMAGE_SORT(im->features, im->nfeatures, image_feature_cmp);
#undef IMAGE_SORT
	image_map_free(&ix->topics_by_id);
	image_map_free(&ix->configs);
	image_map_free(&ix->quotas);
	image_map_free(&ix->scram);
	image_map_free(&ix->acls);
	image_map_free(&ix->tokens);
	image_map_free(&ix->features);
	free(ix->config_live);
	free(ix->quota_live);
	free(ix->scram_live);
	free(ix->acl_live);
	free(ix->token_live);
	free(ix);
	im->index = NULL;
}

void
image_free(struct image *im)
{
	size_t i;

	if (im == NULL)
		return;
	if (im->index != NULL)
		image_finish(im);
	for (i = 0; i < im->ntopics; i++)
		free(im->topics[i].partitions);
	free(im->topics);
	free(im->configs);
	free(im->quotas);
	free(im->scram);
	free(im->acls);
	free(im->tokens);
	free(im->features);
	arena_free(&im->arena);
	memset(im, 0, sizeof *im);
}
