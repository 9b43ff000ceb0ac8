/*
 * Base64: the standard alphabet with padding (Kafka's JSON form of bytes
 * fields) and base64url without padding (Kafka's text form of a UUID).
 */
#ifndef B64_H
#define B64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define B64_UUID_LEN 22 /* base64url of 16 bytes, no padding */

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

#endif /* B64_H */
