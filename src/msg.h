/*
 * The generic codec for Kafka's flexible message encoding
 * (kraft-snapshot-format.md section 4.2), driven by the schema descriptors
 * of records.c.  It turns a message body into the generated C struct
 * (records.h) and back.  Pure: no I/O.
 */
#ifndef MSG_H
#define MSG_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "schema.h"

/* Set every field of obj (a struct s) to its schema default. */
void msg_init(const struct mstruct *s, void *obj);

/*
 * Encode obj at version.  A field the version does not have must hold its
 * default (as Kafka's writers require); anything else is a bug and fatal.
 */
void msg_encode(
    struct buf *b, const struct mstruct *s, int version, const void *obj);

/*
 * Decode one struct s at version from r into obj.  Strings, arrays and
 * unknown tagged fields are allocated from a and valid until arena_free().
 * Every length and count is checked against the bytes left before anything
 * is allocated.  On failure returns -1 and sets e to "offset N: Field: why".
 */
int msg_decode(struct bufr *r, const struct mstruct *s, int version, void *obj,
    struct arena *a, struct error *e);

/* Whether field f exists, is tagged, may be null at version. */
bool msg_field_in(const struct mfield *f, int version);
bool msg_field_tagged(const struct mfield *f, int version);

/* Whether field f of obj holds its default value. */
bool msg_field_is_default(const struct mfield *f, const void *obj);

/* Bytes of one array element of field f. */
size_t msg_elem_size(const struct mfield *f);

#endif /* MSG_H */
