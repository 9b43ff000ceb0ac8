/*
 * Types that describe Kafka message schemas to the generic codec (msg.c),
 * and the value types the generated record structs (records.h) are made of.
 * The descriptors are generated from Kafka's JSON schemas by
 * tools/gen-records.py; kraft-snapshot-format.md section 4.2 gives the
 * encoding rules they drive.
 */
#ifndef SCHEMA_H
#define SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A UUID: most significant 64 bits first, both halves big-endian. */
struct kuuid {
	uint8_t b[16];
};

/* A "bytes" value; null is distinct from empty. */
struct kbytes {
	uint8_t *p;
	size_t len;
	bool null;
};

/*
 * An array value.  v holds n elements of the field's element type: int32_t,
 * struct kuuid, char * or the element struct.  null is distinct from empty.
 */
struct karray {
	void *v;
	size_t n;
	bool null;
};

#define KARRAY_AT(a, type, i) (((type *)(a).v)[i])

/* A tagged field the schema does not know, kept to be written back. */
struct ktag {
	uint32_t tag;
	const uint8_t *data;
	size_t len;
};

struct ktags {
	struct ktag *v;
	size_t n;
};

enum mtype {
	MT_NONE,
	MT_BOOL,
	MT_INT8,
	MT_INT16,
	MT_UINT16,
	MT_INT32,
	MT_UINT32,
	MT_INT64,
	MT_FLOAT64,
	MT_STRING, /* char *, NULL when null */
	MT_BYTES,  /* struct kbytes */
	MT_UUID,   /* struct kuuid */
	MT_STRUCT, /* an inline struct described by sub */
	MT_ARRAY,  /* struct karray of elem (and sub for structs) */
};

#define MV_MAX 0x7fff /* upper bound of an open "N+" version range */

struct mstruct;

/* One field of a schema, in declaration (wire) order. */
struct mfield {
	const char *name; /* schema name, "PartitionId" */
	const char *json; /* Kafka's JSON and toString() name, "partitionId" */
	enum mtype type;
	enum mtype elem;           /* element type when type is MT_ARRAY */
	const struct mstruct *sub; /* struct, or element struct */
	int16_t vmin, vmax;        /* versions; vmin -1: none */
	int16_t nmin, nmax;        /* nullable versions; nmin -1: never */
	int16_t tmin, tmax;        /* tagged versions; tmin -1: never */
	int32_t tag;               /* -1 when never tagged */
	bool def_null;             /* the default is null */
	int64_t def;               /* integer or boolean default */
	size_t off;                /* offset in the C struct */
};

struct mstruct {
	const char *name; /* "PartitionRecord", "BrokerEndpoint" */
	size_t size;      /* sizeof the C struct */
	const struct mfield *fields;
	size_t nfields;
	size_t tags_off; /* offset of the struct ktags member */
};

/* A metadata record type (control false) or a control record type. */
struct record_type {
	int16_t key; /* api key, or ControlRecordType id */
	bool control;
	const char *name; /* "PartitionRecord" */
	const char *type; /* "PARTITION_RECORD", or "SNAPSHOT_HEADER" */
	int16_t vmin, vmax;
	const struct mstruct *body;
};

#endif /* SCHEMA_H */
