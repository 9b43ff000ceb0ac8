/*
 * The cryptography zk2kraft needs, on OpenSSL's libcrypto: decrypting the
 * broker password configs Kafka's EncryptingPasswordEncoder stored in
 * ZooKeeper (zookeeper-layout.md section 3.4), name-based UUIDs for records
 * whose ids must not be random, and random bytes.  This is the only file
 * that includes OpenSSL.
 */
#ifndef CRYPTO_H
#define CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "schema.h"

/*
 * Whether value has the form of an encoded password: comma-separated
 * key:value pairs that include encryptedPassword, salt and
 * initializationVector.  A plain value never has all three.
 */
bool crypto_is_encoded_password(const char *value);

/*
 * Decrypt value, an EncryptingPasswordEncoder blob, with the
 * password.encoder.secret secret (secretlen bytes of UTF-8, not
 * NUL-terminated).  Supports keyFactoryAlgorithm PBKDF2WithHmacSHA512 (also
 * when absent, as in Kafka), PBKDF2WithHmacSHA1 and the other SunJCE names
 * PBKDF2WithHmacSHA224/256/384; cipherAlgorithm AES/CBC/PKCS5Padding and
 * AES/GCM/NoPadding (names case-insensitive, as in Java); keyLength 128,
 * 192 and 256.  Every other key is required: Kafka applies no defaults
 * when decoding.  The plaintext must be UTF-8 without NUL whose length in
 * UTF-16 units equals passwordLength.  Returns 0 and sets *out
 * (NUL-terminated, caller frees, and should wipe it with
 * crypto_wipe_free()), or -1 with *out NULL and e set to one lowercase
 * line saying why ("wrong password.encoder.secret or corrupt value",
 * "unsupported cipherAlgorithm X", "missing salt", ...), without the secret
 * or the value itself.
 */
int crypto_decrypt_password(const char *value, const char *secret,
    size_t secretlen, char **out, struct error *e);

/* Zero and free a string (NULL is a no-op). */
void crypto_wipe_free(char *s);

/*
 * RFC 4122 version 5 (SHA-1, name-based) UUID of name (len bytes) in
 * namespace ns.  The same inputs always give the same UUID.
 */
void crypto_uuid_v5(
    struct kuuid *out, const struct kuuid *ns, const void *name, size_t len);

/*
 * Fill p with len bytes from OpenSSL's CSPRNG (RAND_bytes, seeded from the
 * system's random source); -1 and e on error.
 */
int crypto_random(void *p, size_t len, struct error *e);

#endif /* CRYPTO_H */
