/*
 * CRC-32C (Castagnoli), as Kafka's record batch v2 uses it
 * (kraft-snapshot-format.md section 2.2).
 */
#ifndef CRC32C_H
#define CRC32C_H

#include <stddef.h>
#include <stdint.h>

/*
 * Continue a CRC-32C over len bytes: start with crc = 0.  The initial and
 * final inversions are done inside, so crc32c(crc32c(0, a), b) equals the
 * CRC of a followed by b.
 */
uint32_t crc32c(uint32_t crc, const void *p, size_t len);

#endif /* CRC32C_H */
