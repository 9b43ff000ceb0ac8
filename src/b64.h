/*
 * Base64: the standard alphabet with padding (Kafka's JSON form of bytes
 * fields) and base64url without padding (Kafka's text form of a UUID, the
 * one home of Uuid.toString and Uuid.fromString).
 */
#ifndef B64_H
#define B64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define B64_UUID_LEN 22 /* base64url of 16 bytes, no padding */

struct kuuid;

/* Bytes of text b64_encode() writes for len bytes, NUL included. */
size_t b64_encoded_size(size_t len, bool url);

/*
 * Encode len bytes into out, which holds b64_encoded_size(len, url) bytes;
 * url selects base64url without padding.  out is NUL-terminated.
 */
void b64_encode(const uint8_t *p, size_t len, bool url, char *out);

/*
 * Decode NUL-terminated text in either alphabet (padding optional) into out,
 * which holds at least strlen(s) * 3 / 4 bytes.  Returns the number of
 * bytes, or -1 when s is not base64.
 */
long b64_decode(const char *s, uint8_t *out);

/*
 * Kafka's Uuid.toString(): base64url without padding into out, which holds
 * B64_UUID_LEN + 1 bytes.  Returns out.
 */
const char *b64_uuid_str(const struct kuuid *u, char *out);

/*
 * Parse a UUID's text as Uuid.fromString does: base64url, at most 24
 * characters, padding optional but whole, exactly 16 bytes (bits past the
 * 128th are ignored, as Java's decoder ignores them).  len is the text's
 * length.  Returns 0 or -1.
 */
int b64_uuid_parse(const char *s, size_t len, struct kuuid *out);

#endif /* B64_H */
