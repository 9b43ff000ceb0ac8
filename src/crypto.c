/*
 * Kafka's encrypted password configs, name-based UUIDs and random bytes, on
 * OpenSSL's libcrypto (see crypto.h).
 *
 * The password format is that of Kafka 3.9's EncryptingPasswordEncoder
 * (server-common, org.apache.kafka.security; earlier releases had the same
 * logic in core's kafka.utils.PasswordEncoder), zookeeper-layout.md 3.4:
 *
 *   params = Csv.parseCsvMap(value)
 *   key    = PBKDF2(keyFactoryAlgorithm, UTF-8 of the secret,
 *                   base64-decoded salt, iterations, keyLength bits)
 *   text   = AES-<keyLength> decrypt of base64-decoded encryptedPassword:
 *            CBC with the 16-byte initializationVector and PKCS#5 padding,
 *            or GCM with initializationVector as nonce, no AAD, and the
 *            authenticationTagLength-bit tag appended to the ciphertext
 *            (javax.crypto's layout)
 *   check  UTF-16 length of text == passwordLength
 *
 * Only keyFactoryAlgorithm may be absent: Kafka then uses
 * PBKDF2WithHmacSHA512.  Every other key is read with Integer.parseInt or
 * Base64.decode and a missing one makes Kafka throw; the encoder's config
 * defaults (key length 128, 4096 iterations) are not applied when decoding.
 *
 * XXX Kafka picks IV-or-GCM parameters from the decoding controller's
 * password.encoder.cipher.algorithm, not from the value, so it fails on a
 * value whose cipher family differs from its config; here the value's own
 * cipherAlgorithm decides.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "b64.h"
#include "crypto.h"
#include "utf8.h"
#include "xmalloc.h"

/* The keys of an encoded password (PasswordEncoder, GcmParamsEncoder). */
enum crypto_key {
	CRYPTO_KEY_FACTORY,
	CRYPTO_CIPHER,
	CRYPTO_KEY_LENGTH,
	CRYPTO_SALT,
	CRYPTO_ITERATIONS,
	CRYPTO_IV,
	CRYPTO_TAG_LENGTH,
	CRYPTO_ENCRYPTED,
	CRYPTO_PASSWORD_LENGTH,
	CRYPTO_NKEYS
};

static const char *const crypto_key_names[CRYPTO_NKEYS] = {
    "keyFactoryAlgorithm",
    "cipherAlgorithm",
    "keyLength",
    "salt",
    "iterations",
    "initializationVector",
    "authenticationTagLength",
    "encryptedPassword",
    "passwordLength",
};

/* An encoded password cut into its values; v[k] is NULL when absent. */
struct crypto_params {
	char *copy;
	const char *v[CRYPTO_NKEYS];
};

/* SecretKeyFactory names: Java's SunJCE PBKDF2 family. */
static const struct {
	const char *name;
	const EVP_MD *(*md)(void);
} crypto_kdfs[] = {
    {"PBKDF2WithHmacSHA512", EVP_sha512},
    {"PBKDF2WithHmacSHA384", EVP_sha384},
    {"PBKDF2WithHmacSHA256", EVP_sha256},
    {"PBKDF2WithHmacSHA224", EVP_sha224},
    {"PBKDF2WithHmacSHA1", EVP_sha1},
};

#define CRYPTO_CBC_IV_LEN 16
#define CRYPTO_GCM_IV_MAX 128 /* OpenSSL's limit; Kafka writes 12 */
#define CRYPTO_NAME_MAX 64    /* longest algorithm name quoted in errors */

#define CRYPTO_WRONG "wrong password.encoder.secret or corrupt value"

/* Java's String.trim(): everything up to U+0020 is space. */
static bool
crypto_isspace(char ch)
{
	return (unsigned char)ch <= ' ';
}

static char *
crypto_trim(char *s, char *end)
{
	while (s < end && crypto_isspace(*s))
		s++;
	while (end > s && crypto_isspace(end[-1]))
		end--;
	*end = '\0';
	return s;
}

/* Whether s holds only spaces and commas (String.split drops those). */
static bool
crypto_blank_rest(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ',' && !crypto_isspace(*s))
			return false;
	return true;
}

/*
 * Csv.parseCsvMap(): split at commas, each pair at its last colon, trim
 * both halves; a later duplicate key wins and unknown keys are ignored.
 * Every pair is read even after a bad one, so crypto_is_encoded_password()
 * can look at the keys.  Returns -1 when a pair has no colon (Java throws
 * on it) unless it is empty and only empty pairs follow (String.split
 * drops trailing empty strings).  The caller frees p->copy.
 */
static int
crypto_parse(const char *value, struct crypto_params *p)
{
	char *s, *end, *colon, *key;
	int k, ret = 0;

	*p = (struct crypto_params){0};
	p->copy = xstrdup(value);
	for (s = p->copy; s != NULL; s = end == NULL ? NULL : end + 1) {
		if ((end = strchr(s, ',')) != NULL)
			*end = '\0';
		if ((colon = strrchr(s, ':')) == NULL) {
			if (*crypto_trim(s, s + strlen(s)) != '\0')
				ret = -1;
			else if (end != NULL && !crypto_blank_rest(end + 1))
				ret = -1;
			continue;
		}
		key = crypto_trim(s, colon);
		for (k = 0; k < CRYPTO_NKEYS; k++) {
			if (strcmp(key, crypto_key_names[k]) == 0) {
				p->v[k] = crypto_trim(
				    colon + 1, colon + 1 + strlen(colon + 1));
				break;
			}
		}
	}
	return ret;
}

bool
crypto_is_encoded_password(const char *value)
{
	struct crypto_params p;
	bool ret;

	crypto_parse(value, &p);
	ret = p.v[CRYPTO_ENCRYPTED] != NULL && p.v[CRYPTO_SALT] != NULL &&
	    p.v[CRYPTO_IV] != NULL;
	free(p.copy);
	return ret;
}

/* Integer.parseInt() of a count that must not be negative. */
static int
crypto_parse_int(const char *s, int *v)
{
	long long n = 0;

	if (*s == '+')
		s++;
	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
		if (n > INT_MAX)
			return -1;
	}
	*v = (int)n;
	return 0;
}

/* Base64.getDecoder().decode(): standard alphabet, padding optional. */
static uint8_t *
crypto_b64(const char *s, size_t *len)
{
	uint8_t *p;
	long n;

	if (strpbrk(s, "-_") != NULL)
		return NULL;
	p = xmalloc(strlen(s) / 4 * 3 + 3);
	if ((n = b64_decode(s, p)) == -1) {
		free(p);
		return NULL;
	}
	*len = (size_t)n;
	return p;
}

/* An algorithm name that can be quoted in a one-line message. */
static const char *
crypto_quotable(const char *s)
{
	const char *c;

	if (strlen(s) > CRYPTO_NAME_MAX)
		return "(unprintable)";
	for (c = s; *c != '\0'; c++)
		if (*c <= ' ' || *c > '~')
			return "(unprintable)";
	return s;
}

/* UTF-16 code units of valid UTF-8: one per character, two above U+FFFF. */
static size_t
crypto_utf16_len(const uint8_t *p, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			n++;
		if (p[i] >= 0xf0)
			n++;
	}
	return n;
}

static const EVP_CIPHER *
crypto_aes(bool gcm, size_t keylen)
{
	switch (keylen) {
	case 16:
		return gcm ? EVP_aes_128_gcm() : EVP_aes_128_cbc();
	case 24:
		return gcm ? EVP_aes_192_gcm() : EVP_aes_192_cbc();
	default:
		return gcm ? EVP_aes_256_gcm() : EVP_aes_256_cbc();
	}
}

/*
 * AES-CBC-PKCS5 or AES-GCM decryption of ct into pt, which holds ctlen + 16
 * bytes.  The caller has checked the key, IV and tag lengths.  Returns the
 * plaintext length, or -1 with e set.
 */
static long
crypto_aes_decrypt(bool gcm, const uint8_t *key, size_t keylen,
    const uint8_t *iv, size_t ivlen, size_t taglen, const uint8_t *ct,
    size_t ctlen, uint8_t *pt, struct error *e)
{
	EVP_CIPHER_CTX *ctx;
	const EVP_CIPHER *c = crypto_aes(gcm, keylen);
	long ret = -1;
	int n, fin;

	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		fatalx("out of memory in EVP_CIPHER_CTX_new");
	if (gcm) {
		ctlen -= taglen;
		if (EVP_DecryptInit_ex(ctx, c, NULL, NULL, NULL) != 1 ||
		    EVP_CIPHER_CTX_ctrl(
			ctx, EVP_CTRL_AEAD_SET_IVLEN, (int)ivlen, NULL) != 1 ||
		    EVP_DecryptInit_ex(ctx, NULL, NULL, key, iv) != 1) {
			error_set(e, EXIT_FAIL, "bad initializationVector");
			goto out;
		}
	} else if (EVP_DecryptInit_ex(ctx, c, NULL, key, iv) != 1) {
		error_set(e, EXIT_FAIL, "cannot set up AES-CBC decryption");
		goto out;
	}
	if (EVP_DecryptUpdate(ctx, pt, &n, ct, (int)ctlen) != 1) {
		error_set(e, EXIT_FAIL, CRYPTO_WRONG);
		goto out;
	}
	if (gcm &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)taglen,
		(void *)(ct + ctlen)) != 1) {
		error_set(e, EXIT_FAIL, "unsupported authenticationTagLength");
		goto out;
	}
	/* A bad CBC padding or GCM tag: the key or the data is wrong. */
	if (EVP_DecryptFinal_ex(ctx, pt + n, &fin) != 1) {
		error_set(e, EXIT_FAIL, CRYPTO_WRONG);
		goto out;
	}
	ret = (long)n + fin;
out:
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

/* An encoded password's parameters, checked and decoded. */
struct crypto_spec {
	const EVP_MD *md;
	bool gcm;
	int keybits, iterations, pwlen;
	size_t taglen;
	uint8_t *salt, *iv, *ct; /* owned; freed by crypto_spec_free() */
	size_t saltlen, ivlen, ctlen;
};

static void
crypto_spec_free(struct crypto_spec *s)
{
	free(s->ct);
	free(s->iv);
	free(s->salt);
}

/* The key derivation and the cipher, by their Java names. */
static int
crypto_algorithms(
    const struct crypto_params *p, struct crypto_spec *s, struct error *e)
{
	size_t i;

	if (p->v[CRYPTO_KEY_FACTORY] == NULL)
		s->md = EVP_sha512();
	for (i = 0;
	     s->md == NULL && i < sizeof crypto_kdfs / sizeof *crypto_kdfs; i++)
		if (strcasecmp(p->v[CRYPTO_KEY_FACTORY], crypto_kdfs[i].name) ==
		    0)
			s->md = crypto_kdfs[i].md();
	if (s->md == NULL)
		return error_set(e, EXIT_FAIL,
		    "unsupported keyFactoryAlgorithm %s",
		    crypto_quotable(p->v[CRYPTO_KEY_FACTORY]));
	/* Java's transformation names are case-insensitive too. */
	if (strcasecmp(p->v[CRYPTO_CIPHER], "AES/CBC/PKCS5Padding") == 0)
		s->gcm = false;
	else if (strcasecmp(p->v[CRYPTO_CIPHER], "AES/GCM/NoPadding") == 0)
		s->gcm = true;
	else
		return error_set(e, EXIT_FAIL, "unsupported cipherAlgorithm %s",
		    crypto_quotable(p->v[CRYPTO_CIPHER]));
	return 0;
}

/* keyLength, iterations, passwordLength and authenticationTagLength. */
static int
crypto_numbers(
    const struct crypto_params *p, struct crypto_spec *s, struct error *e)
{
	int tagbits;

	if (crypto_parse_int(p->v[CRYPTO_KEY_LENGTH], &s->keybits) == -1)
		return error_set(e, EXIT_FAIL, "bad keyLength");
	if (s->keybits != 128 && s->keybits != 192 && s->keybits != 256)
		return error_set(
		    e, EXIT_FAIL, "unsupported keyLength %d", s->keybits);
	if (crypto_parse_int(p->v[CRYPTO_ITERATIONS], &s->iterations) == -1 ||
	    s->iterations == 0)
		return error_set(e, EXIT_FAIL, "bad iterations");
	if (crypto_parse_int(p->v[CRYPTO_PASSWORD_LENGTH], &s->pwlen) == -1)
		return error_set(e, EXIT_FAIL, "bad passwordLength");
	if (!s->gcm)
		return 0;
	if (p->v[CRYPTO_TAG_LENGTH] == NULL)
		return error_set(
		    e, EXIT_FAIL, "missing authenticationTagLength");
	if (crypto_parse_int(p->v[CRYPTO_TAG_LENGTH], &tagbits) == -1)
		return error_set(e, EXIT_FAIL, "bad authenticationTagLength");
	/* SunJCE's GCM accepts 96, 104, 112, 120 and 128. */
	if (tagbits < 96 || tagbits > 128 || tagbits % 8 != 0)
		return error_set(e, EXIT_FAIL,
		    "unsupported authenticationTagLength %d", tagbits);
	s->taglen = (size_t)tagbits / 8;
	return 0;
}

/* The salt, the IV and the ciphertext, from base64. */
static int
crypto_bytes(
    const struct crypto_params *p, struct crypto_spec *s, struct error *e)
{
	/* PBEKeySpec refuses an empty salt. */
	if ((s->salt = crypto_b64(p->v[CRYPTO_SALT], &s->saltlen)) == NULL ||
	    s->saltlen == 0 || s->saltlen > INT_MAX)
		return error_set(e, EXIT_FAIL, "bad salt");
	if ((s->iv = crypto_b64(p->v[CRYPTO_IV], &s->ivlen)) == NULL ||
	    (s->gcm ? s->ivlen == 0 || s->ivlen > CRYPTO_GCM_IV_MAX
		    : s->ivlen != CRYPTO_CBC_IV_LEN))
		return error_set(e, EXIT_FAIL, "bad initializationVector");
	if ((s->ct = crypto_b64(p->v[CRYPTO_ENCRYPTED], &s->ctlen)) == NULL ||
	    s->ctlen > INT_MAX - 32)
		return error_set(e, EXIT_FAIL, "bad encryptedPassword");
	if (!s->gcm && (s->ctlen == 0 || s->ctlen % 16 != 0))
		return error_set(e, EXIT_FAIL,
		    "bad encryptedPassword: not a whole number of AES blocks");
	if (s->gcm && s->ctlen < s->taglen)
		return error_set(e, EXIT_FAIL,
		    "bad encryptedPassword: shorter than its authentication "
		    "tag");
	return 0;
}

/* Parse value's pairs and check every parameter, in Kafka's order. */
static int
crypto_spec(const char *value, struct crypto_params *p, struct crypto_spec *s,
    struct error *e)
{
	enum crypto_key k;

	if (crypto_parse(value, p) == -1)
		return error_set(
		    e, EXIT_FAIL, "malformed value: a pair has no colon");
	for (k = 0; k < CRYPTO_NKEYS; k++)
		if (p->v[k] == NULL && k != CRYPTO_KEY_FACTORY &&
		    k != CRYPTO_TAG_LENGTH)
			return error_set(
			    e, EXIT_FAIL, "missing %s", crypto_key_names[k]);
	if (crypto_algorithms(p, s, e) == -1 || crypto_numbers(p, s, e) == -1)
		return -1;
	return crypto_bytes(p, s, e);
}

/*
 * Java would turn bad UTF-8 into U+FFFD and then most likely fail the
 * length check; a NUL cannot be returned in a C string.  A CBC key that is
 * wrong still gives valid padding once in ~256 tries, so garbage here may
 * mean the secret; a GCM tag rules that out.
 */
static int
crypto_plaintext_check(const struct crypto_spec *s, const uint8_t *pt,
    size_t ptlen, struct error *e)
{
	const char *hint = s->gcm ? "" : " (" CRYPTO_WRONG ")";

	if (memchr(pt, '\0', ptlen) != NULL)
		return error_set(
		    e, EXIT_FAIL, "decrypted password contains a NUL%s", hint);
	if (!utf8_valid(pt, ptlen))
		return error_set(
		    e, EXIT_FAIL, "decrypted password is not UTF-8%s", hint);
	if (crypto_utf16_len(pt, ptlen) != (size_t)s->pwlen)
		return error_set(e, EXIT_FAIL,
		    "decrypted password's length does not match "
		    "passwordLength%s",
		    hint);
	return 0;
}

int
crypto_decrypt_password(const char *value, const char *secret, size_t secretlen,
    char **out, struct error *e)
{
	struct crypto_params p = {0};
	struct crypto_spec s = {0};
	uint8_t key[32], *pt = NULL;
	size_t ptcap = 0;
	long ptlen;
	int ret = -1;

	*out = NULL;
	if (crypto_spec(value, &p, &s, e) == -1)
		goto out;
	if (secretlen > INT_MAX) {
		error_set(e, EXIT_FAIL, "password.encoder.secret is too long");
		goto out;
	}
	if (PKCS5_PBKDF2_HMAC(secretlen == 0 ? "" : secret, (int)secretlen,
		s.salt, (int)s.saltlen, s.iterations, s.md, s.keybits / 8,
		key) != 1) {
		error_set(e, EXIT_FAIL, "PBKDF2 key derivation failed");
		goto out;
	}
	ptcap = s.ctlen + 16;
	pt = xmalloc(ptcap);
	ptlen = crypto_aes_decrypt(s.gcm, key, (size_t)s.keybits / 8, s.iv,
	    s.ivlen, s.taglen, s.ct, s.ctlen, pt, e);
	if (ptlen == -1 ||
	    crypto_plaintext_check(&s, pt, (size_t)ptlen, e) == -1)
		goto out;
	*out = xmalloc((size_t)ptlen + 1);
	memcpy(*out, pt, (size_t)ptlen);
	(*out)[ptlen] = '\0';
	ret = 0;
out:
	if (ret == -1)
		ERR_clear_error();
	OPENSSL_cleanse(key, sizeof key);
	if (pt != NULL)
		OPENSSL_cleanse(pt, ptcap);
	free(pt);
	crypto_spec_free(&s);
	free(p.copy);
	return ret;
}

void
crypto_wipe_free(char *s)
{
	if (s == NULL)
		return;
	OPENSSL_cleanse(s, strlen(s));
	free(s);
}

void
crypto_uuid_v5(
    struct kuuid *out, const struct kuuid *ns, const void *name, size_t len)
{
	uint8_t md[EVP_MAX_MD_SIZE];
	unsigned int mdlen;
	EVP_MD_CTX *ctx;

	if ((ctx = EVP_MD_CTX_new()) == NULL)
		fatalx("out of memory in EVP_MD_CTX_new");
	if (EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) != 1 ||
	    EVP_DigestUpdate(ctx, ns->b, sizeof ns->b) != 1 ||
	    EVP_DigestUpdate(ctx, name, len) != 1 ||
	    EVP_DigestFinal_ex(ctx, md, &mdlen) != 1 || mdlen < sizeof out->b)
		fatalx("crypto_uuid_v5: SHA-1 failed");
	EVP_MD_CTX_free(ctx);
	memcpy(out->b, md, sizeof out->b);
	/* RFC 4122 4.3: version 5 in the high nibble of octet 6, variant 10. */
	out->b[6] = (out->b[6] & 0x0f) | 0x50;
	out->b[8] = (out->b[8] & 0x3f) | 0x80;
}

int
crypto_random(void *p, size_t len, struct error *e)
{
	unsigned char *c = p;
	const char *why;
	size_t n;

	while (len > 0) {
		n = len > INT_MAX ? INT_MAX : len;
		if (RAND_bytes(c, (int)n) != 1) {
			why = ERR_reason_error_string(ERR_get_error());
			error_set(e, EXIT_FAIL, "random bytes: %s",
			    why != NULL ? why : "RAND_bytes failed");
			ERR_clear_error();
			return -1;
		}
		c += n;
		len -= n;
	}
	return 0;
}
