/*
 * Kafka's encrypted password configs, UUID v5 and random bytes.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "helpers.h"

/*
 * zookeeper-layout.md 7.1, /config/brokers/2,
 * listener.name.external.ssl.keystore.password: secret
 * fixture-encoder-secret, plaintext ext-keystore-pass.  Its PBKDF2 key is
 * f57191e1f348f0710ea401414067a74d (HMAC-SHA512 over the 256 bytes the
 * salt decodes to, 4096 iterations, 128 bits).
 */
#define FIXTURE_SECRET "fixture-encoder-secret"
#define FIXTURE_CT "dokQo8OXX81O9shAwk7vNUbXlPVpoRZ8KMZTmPtgrmk="
static const char fixture_blob[] =
    "initializationVector:WtHskpqvIn5BdDeHKZxndw==,"
    "keyLength:128,"
    "salt:1QrCiLkO3i4xGwI3a8p8cC+2Kie6GhAOyx5+xdebvb0DjhnAZ3hzELL"
    "34AwR4dvlfq93sSEs8w5P75Rw+W+mohY9NkwXpMdyAY/B0SK709CfJQTrxSv"
    "XRQiKj/AG6QsDo7XCtzJcdXyo1DiNZwwHvbnB0JpyOpAeQV8mBrSmz4/BN/S"
    "z743l7UbQPy5tmO9d9KJHXKkqiP5o4bJBcN7GGu8ZmY2Drfg15gYl4NktG0U"
    "I2HLLGqh545IrHmA+iQx3scB1N2jMDVuXr5jdo+fARNjyujShAcgHhPTwbTS"
    "j8ByL9WPQEF/ZO1WcOWk2n7ds1E838LD+KcIsegJ4hfWfcw==,"
    "keyFactoryAlgorithm:PBKDF2WithHmacSHA512,"
    "cipherAlgorithm:AES/CBC/PKCS5Padding,"
    "iterations:4096,"
    "passwordLength:17,"
    "encryptedPassword:dokQo8OXX81O9shAwk7vNUbXlPVpoRZ8KMZTmPtgrm"
    "k=";

/*
 * Generated with Java 17 (javac/java, javax.crypto, SunJCE) by a throw-away
 * program that builds the value as Kafka 3.9's
 * EncryptingPasswordEncoder.encode() does: SecretKeyFactory(kf) over
 * PBEKeySpec(secret.toCharArray(), salt, iterations, keyLength),
 * Cipher.doFinal() of the plaintext's UTF-8, the pairs joined from a
 * java.util.HashMap, passwordLength = String.length().  Kafka draws the
 * 256-byte salt and the IV at random; here they are fixed byte patterns
 * (salt[i] = i * m + a) so the program is reproducible.  Parameters:
 *   java_sha1_cbc256: PBKDF2WithHmacSHA1, AES/CBC/PKCS5Padding, 256-bit
 *     key, 4096 iterations, secret java-vector-secret
 *   java_sha512_gcm128: PBKDF2WithHmacSHA512, AES/GCM/NoPadding, 128-bit
 *     key, 12-byte IV (SunJCE's default length), 128-bit tag, 4096
 *   java_sha256_cbc192: PBKDF2WithHmacSHA256, CBC, 192-bit key, 1024
 *     iterations, secret "s\u00e9cret-\u20ac" (non-ASCII)
 *   java_sha512_gcm256_tag96: SHA512, GCM, 256-bit key, 16-byte IV,
 *     96-bit tag, 2048 iterations
 *   java_sha512_cbc_empty: Kafka's defaults, empty password
 *   java_raw_not_utf8, java_raw_nul: SHA512, CBC, 128-bit key, 4096
 *     iterations, Cipher.doFinal() of the raw bytes 61 ff 62 and 61 00 62
 *     (Kafka would decode the first as "a\ufffdb")
 */
static const char java_sha1_cbc256[] =
    "initializationVector:AQ4bKDVCT1xpdoOQnaq3xA==,"
    "keyLength:256,"
    "salt:AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dzj6vH4/wYNFBs"
    "iKTA3PkVMU1phaG92fYSLkpmgp661vMPK0djf5u30+wIJEBceJSwzOkFIT1Z"
    "dZGtyeYCHjpWco6qxuL/GzdTb4unw9/4FDBMaISgvNj1ES1JZYGdudXyDipG"
    "Yn6attLvCydDX3uXs8/oBCA8WHSQrMjlAR05VXGNqcXh/ho2Um6KpsLe+xcz"
    "T2uHo7/b9BAsSGSAnLjU8Q0pRWF9mbXR7gomQl56lrLO6wcjP1t3k6/L5AAc"
    "OFRwjKjE4P0ZNVFtiaXB3foWMk5qhqK+2vcTL0tng5+71/A==,"
    "keyFactoryAlgorithm:PBKDF2WithHmacSHA1,"
    "cipherAlgorithm:AES/CBC/PKCS5Padding,"
    "iterations:4096,"
    "passwordLength:13,"
    "encryptedPassword:WOtfKWarBIxVQuuJ4P8Tujmu73IpzHd4uC42M7ksa6"
    "Y=";

static const char java_sha512_gcm128[] =
    "initializationVector:CRorPE1eb4CRorPE,"
    "keyLength:128,"
    "salt:BRAbJjE8R1JdaHN+iZSfqrXAy9bh7PcCDRgjLjlET1plcHuGkZynsr3"
    "I097p9P8KFSArNkFMV2JteIOOmaSvusXQ2+bx/AcSHSgzPklUX2p1gIuWoay"
    "3ws3Y4+75BA8aJTA7RlFcZ3J9iJOeqbS/ytXg6/YBDBciLThDTllkb3qFkJu"
    "msbzH0t3o8/4JFB8qNUBLVmFsd4KNmKOuucTP2uXw+wYRHCcyPUhTXml0f4q"
    "VoKu2wczX4u34Aw4ZJC86RVBbZnF8h5KdqLO+ydTf6vUACxYhLDdCTVhjbnm"
    "Ej5qlsLvG0dzn8v0IEx4pND9KVWBrdoGMl6KtuMPO2eTv+g==,"
    "keyFactoryAlgorithm:PBKDF2WithHmacSHA512,"
    "cipherAlgorithm:AES/GCM/NoPadding,"
    "authenticationTagLength:128,"
    "iterations:4096,"
    "passwordLength:17,"
    "encryptedPassword:MsnlafeTt3kpIsNMallE3YuhdYF3sZkH6qhugGG+mP"
    "sdVDZzehlS";

static const char java_sha256_cbc192[] =
    "initializationVector:TVBTVllcX2JlaGtucXR3eg==,"
    "keyLength:192,"
    "salt:yM3S19zh5uvw9fr/BAkOExgdIicsMTY7QEVKT1RZXmNobXJ3fIGGi5C"
    "Vmp+kqa6zuL3Cx8zR1tvg5erv9Pn+AwgNEhccISYrMDU6P0RJTlNYXWJnbHF"
    "2e4CFio+UmZ6jqK2yt7zBxsvQ1drf5Onu8/j9AgcMERYbICUqLzQ5PkNITVJ"
    "XXGFma3B1en+EiY6TmJ2ip6yxtrvAxcrP1Nne4+jt8vf8AQYLEBUaHyQpLjM"
    "4PUJHTFFWW2Blam90eX6DiI2Sl5yhpquwtbq/xMnO09jd4ufs8fb7AAUKDxQ"
    "ZHiMoLTI3PEFGS1BVWl9kaW5zeH2Ch4yRlpugpaqvtLm+ww==,"
    "keyFactoryAlgorithm:PBKDF2WithHmacSHA256,"
    "cipherAlgorithm:AES/CBC/PKCS5Padding,"
    "iterations:1024,"
    "passwordLength:106,"
    "encryptedPassword:/1clIHrDBLw67QWewXHUCSSDFPo/TcIvUaAg/Zbtcw"
    "IKuqPZkSA+pDw9q8dIvPRJ0Bm/FkDzyCd4QGTPeCY60FWkqk9z/XECMu9ZIw"
    "qgnGlCEno7TQ2CsqdHrGCGpMZhPO/r/t3j8a6HM5jAptLTrg==";

static const char java_sha512_gcm256_tag96[] =
    "initializationVector:AhkwR151jKO60ej/Fi1EWw==,"
    "keyLength:256,"
    "salt:BxotQFNmeYyfssXY6/4RJDdKXXCDlqm8z+L1CBsuQVRneo2gs8bZ7P8"
    "SJThLXnGEl6q90OP2CRwvQlVoe46htMfa7QATJjlMX3KFmKu+0eT3Ch0wQ1Z"
    "pfI+itcjb7gEUJzpNYHOGmay/0uX4Cx4xRFdqfZCjtsnc7wIVKDtOYXSHmq3"
    "A0+b5DB8yRVhrfpGkt8rd8AMWKTxPYnWIm67B1Of6DSAzRllsf5KluMve8QQ"
    "XKj1QY3aJnK/C1ej7DiE0R1ptgJOmuczf8gUYKz5RZHeKnbDD1un8DyI1SFt"
    "ugZSnus3g8wYZLD9SZXiLnrHE1+r9ECM2SVxvgpWou87h9A==,"
    "keyFactoryAlgorithm:PBKDF2WithHmacSHA512,"
    "cipherAlgorithm:AES/GCM/NoPadding,"
    "authenticationTagLength:96,"
    "iterations:2048,"
    "passwordLength:6,"
    "encryptedPassword:ntEBY6JxYlo69qHCWZ/SKoLc";

static const char java_sha512_cbc_empty[] =
    "initializationVector:BCNCYYCfvt38GzpZeJe21Q==,"
    "keyLength:128,"
    "salt:CyhFYn+cudbzEC1KZ4Shvtv4FTJPbImmw+D9GjdUcY6ryOUCHzxZdpO"
    "wzeoHJEFee5i10u8MKUZjgJ261/QRLktohaK/3PkWM1BtiqfE4f4bOFVyj6z"
    "J5gMgPVp3lLHO6wglQl98mbbT8A0qR2SBnrvY9RIvTGmGo8Dd+hc0UW6LqMX"
    "i/xw5VnOQrcrnBCE+W3iVss/sCSZDYH2at9TxDitIZYKfvNn2EzBNaoekwd7"
    "7GDVSb4ypxuMAHTpXdJGuy+gFIj9ceZaz0O0KJ0Rhfpu41fIPLElmg6C92vc"
    "UMU5riKXC3/wZNlNwjarH5AEeO1h1kq/M6QYjQF16l7TR7g==,"
    "keyFactoryAlgorithm:PBKDF2WithHmacSHA512,"
    "cipherAlgorithm:AES/CBC/PKCS5Padding,"
    "iterations:4096,"
    "passwordLength:0,"
    "encryptedPassword:9405uTuesy2vJJFfY9QGRA==";

static const char java_raw_not_utf8[] =
    "keyFactoryAlgorithm:PBKDF2WithHmacSHA512,"
    "cipherAlgorithm:AES/CBC/PKCS5Padding,"
    "keyLength:128,"
    "iterations:4096,"
    "salt:ASZLcJW63wQpTnOYveIHLFF2m8DlCi9UeZ7D6A0yV3yhxusQNVp/pMn"
    "uEzhdgqfM8RY7YIWqz/QZPmOIrdL3HEFmi7DV+h9EaY6z2P0iR2yRttsAJUp"
    "vlLneAyhNcpe84QYrUHWav+QJLlN4ncLnDDFWe6DF6g80WX6jyO0SN1yBpsv"
    "wFTpfhKnO8xg9Yoes0fYbQGWKr9T5HkNojbLX/CFGa5C12v8kSW6TuN0CJ0x"
    "xlrvgBSpPdJm+4wgtUnecweYLMFV6n8TpDjNYfaLH7BE2W4Clyu8UOV6DqM3"
    "yFzxhhqvQ9Ro/ZImu0/gdQmeMsdb7IEVqj7TZ/iNIbZK33A==,"
    "initializationVector:Bi9YgarT/CVOd6DJ8htEbQ==,"
    "encryptedPassword:5BA/ffFxE+QJSuU+t+u9mw==,"
    "passwordLength:3";

static const char java_raw_nul[] =
    "keyFactoryAlgorithm:PBKDF2WithHmacSHA512,"
    "cipherAlgorithm:AES/CBC/PKCS5Padding,"
    "keyLength:128,"
    "iterations:4096,"
    "salt:ASZLcJW63wQpTnOYveIHLFF2m8DlCi9UeZ7D6A0yV3yhxusQNVp/pMn"
    "uEzhdgqfM8RY7YIWqz/QZPmOIrdL3HEFmi7DV+h9EaY6z2P0iR2yRttsAJUp"
    "vlLneAyhNcpe84QYrUHWav+QJLlN4ncLnDDFWe6DF6g80WX6jyO0SN1yBpsv"
    "wFTpfhKnO8xg9Yoes0fYbQGWKr9T5HkNojbLX/CFGa5C12v8kSW6TuN0CJ0x"
    "xlrvgBSpPdJm+4wgtUnecweYLMFV6n8TpDjNYfaLH7BE2W4Clyu8UOV6DqM3"
    "yFzxhhqvQ9Ro/ZImu0/gdQmeMsdb7IEVqj7TZ/iNIbZK33A==,"
    "initializationVector:Bi9YgarT/CVOd6DJ8htEbQ==,"
    "encryptedPassword:qvM8I6EKOv4/jdmjG2vWhw==,"
    "passwordLength:3";

#define JAVA_SECRET "java-vector-secret"
/* java_sha512_gcm128's encryptedPassword (23 bytes + tag), and 3 bytes less. */
#define GCM_CT_SHORT "MsnlafeTt3kpIsNMallE3YuhdYF3sZkH6qhugGG+mPsdVDZz"
#define GCM_CT GCM_CT_SHORT "ehlS"

static const struct {
	const char *name;
	const char *blob;
	const char *secret;
	const char *plain;
} java_vectors[] = {
    {"sha1_cbc256", java_sha1_cbc256, JAVA_SECRET,
	"p\xc3\xa4ssw\xc3\xb6rd-\xe2\x82\xac-\xf0\x9d\x84\x9e"},
    {"sha512_gcm128", java_sha512_gcm128, JAVA_SECRET,
	"gcm-p\xc3\xa4ssw\xc3\xb6rd-\xf0\x9d\x84\x9e\xf0\x9d\x84\x9e"},
    {"sha256_cbc192", java_sha256_cbc192,
	"s\xc3\xa9"
	"cret-\xe2\x82\xac",
	"org.apache.kafka.common.security.plain.PlainLoginModule required "
	"username=\"admin\" password=\"admin-secret\";"},
    {"sha512_gcm256_tag96", java_sha512_gcm256_tag96, JAVA_SECRET, "tag-96"},
    {"sha512_cbc_empty", java_sha512_cbc_empty, JAVA_SECRET, ""},
};

/* Test allocations hang off the fixture: a failed cr_assert skips the rest. */
static char *out;
static char *blob;
static struct error e;

static void
setup(void)
{
	out = NULL;
	blob = NULL;
	e = (struct error){0};
}

static void
teardown(void)
{
	crypto_wipe_free(out);
	free(blob);
}

TestSuite(crypto, .init = setup, .fini = teardown);

/* s with its first from replaced by to, into blob. */
static const char *
edit(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t n;

	cr_assert_not_null(at, "%s not in the value", from);
	free(blob);
	n = strlen(s) - strlen(from) + strlen(to) + 1;
	blob = malloc(n);
	cr_assert_not_null(blob);
	snprintf(blob, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	return blob;
}

static int
decrypt(const char *value, const char *secret)
{
	crypto_wipe_free(out);
	out = NULL;
	return crypto_decrypt_password(value, secret, strlen(secret), &out, &e);
}

/* Fails with a message that contains want and neither secret nor value. */
static void
assert_fails(const char *value, const char *secret, const char *want)
{
	cr_assert_eq(decrypt(value, secret), -1, "decrypted to %s", out);
	cr_assert_null(out);
	cr_assert_eq(e.status, EXIT_FAIL);
	cr_assert_not_null(
	    strstr(e.msg, want), "got \"%s\", want \"%s\"", e.msg, want);
	cr_assert_null(strchr(e.msg, '\n'));
	cr_assert(*secret == '\0' || strstr(e.msg, secret) == NULL,
	    "message has the secret");
	cr_assert_null(strstr(e.msg, "dokQo8"), "message has the value");
}

Test(crypto, fixture_decrypts_to_ext_keystore_pass)
{
	cr_assert_eq(decrypt(fixture_blob, FIXTURE_SECRET), 0, "%s", e.msg);
	cr_assert_str_eq(out, "ext-keystore-pass");
}

Test(crypto, secret_is_taken_by_length_not_nul)
{
	static const char secret[] = FIXTURE_SECRET "trailing junk";

	cr_assert_eq(crypto_decrypt_password(fixture_blob, secret,
			 strlen(FIXTURE_SECRET), &out, &e),
	    0, "%s", e.msg);
	cr_assert_str_eq(out, "ext-keystore-pass");
}

Test(crypto, salt_is_used_as_decoded_bytes)
{
	/*
	 * Dropping the padding changes the salt's characters but not its
	 * bytes; the key (f57191e1...) comes out the same only if the bytes
	 * feed PBKDF2, as in Kafka's PasswordEncoder.base64Decode(salt).
	 */
	cr_assert_eq(
	    decrypt(edit(fixture_blob, "fWfcw==,", "fWfcw,"), FIXTURE_SECRET),
	    0, "%s", e.msg);
	cr_assert_str_eq(out, "ext-keystore-pass");
}

Test(crypto, every_key_derivation_input_matters)
{
	/* Any change to hash, iterations, salt or length gives another key. */
	assert_fails(edit(fixture_blob, "iterations:4096", "iterations:4095"),
	    FIXTURE_SECRET, "wrong password.encoder.secret or corrupt value");
	assert_fails(edit(fixture_blob, "HmacSHA512", "HmacSHA1"),
	    FIXTURE_SECRET, "wrong password.encoder.secret or corrupt value");
	assert_fails(edit(fixture_blob, "salt:1Qr", "salt:1Qs"), FIXTURE_SECRET,
	    "wrong password.encoder.secret or corrupt value");
	assert_fails(edit(fixture_blob, "keyLength:128", "keyLength:256"),
	    FIXTURE_SECRET, "wrong password.encoder.secret or corrupt value");
}

Test(crypto, absent_key_factory_means_sha512)
{
	cr_assert_eq(
	    decrypt(edit(fixture_blob,
			"keyFactoryAlgorithm:PBKDF2WithHmacSHA512,", ""),
		FIXTURE_SECRET),
	    0, "%s", e.msg);
	cr_assert_str_eq(out, "ext-keystore-pass");
}

Test(crypto, other_keys_have_no_defaults)
{
	assert_fails(edit(fixture_blob, "keyLength:128,", ""), FIXTURE_SECRET,
	    "missing keyLength");
	assert_fails(edit(fixture_blob, "iterations:4096,", ""), FIXTURE_SECRET,
	    "missing iterations");
	assert_fails(
	    edit(fixture_blob, "cipherAlgorithm:AES/CBC/PKCS5Padding,", ""),
	    FIXTURE_SECRET, "missing cipherAlgorithm");
	assert_fails(edit(fixture_blob, "passwordLength:17,", ""),
	    FIXTURE_SECRET, "missing passwordLength");
}

Test(crypto, parses_like_kafkas_csv_map)
{
	/* Spaces around pairs, a trailing comma, Java's case-insensitive names.
	 */
	const char *v =
	    edit(fixture_blob, ",keyLength:128,", " , keyLength : 128 , ");

	cr_assert_eq(decrypt(v, FIXTURE_SECRET), 0, "%s", e.msg);
	v = edit(fixture_blob, "AES/CBC/PKCS5Padding", "aes/cbc/pkcs5padding");
	cr_assert_eq(decrypt(v, FIXTURE_SECRET), 0, "%s", e.msg);
	/* A later duplicate wins; unknown keys are ignored. */
	v = edit(fixture_blob, "passwordLength:17",
	    "passwordLength:3,x:y,"
	    "passwordLength:17");
	cr_assert_eq(decrypt(v, FIXTURE_SECRET), 0, "%s", e.msg);
	cr_assert_str_eq(out, "ext-keystore-pass");
	/* An empty pair before others is an error in Java too. */
	assert_fails(edit(fixture_blob, ",keyLength", ",,keyLength"),
	    FIXTURE_SECRET, "malformed value");
}

Test(crypto, wrong_secret_fails)
{
	assert_fails(fixture_blob, "not-the-secret",
	    "wrong password.encoder.secret or corrupt value");
	assert_fails(fixture_blob, "", "wrong password.encoder.secret");
	assert_fails(java_sha512_gcm128, FIXTURE_SECRET,
	    "wrong password.encoder.secret or corrupt value");
}

Test(crypto, corrupt_or_truncated_ciphertext_fails)
{
	/* Last block changed: bad padding. */
	assert_fails(edit(fixture_blob, "Ptgrmk=", "PtgrmA="), FIXTURE_SECRET,
	    "corrupt value");
	/* 18 bytes: not whole AES blocks. */
	assert_fails(edit(fixture_blob, FIXTURE_CT, "dokQo8OXX81O9shAwk7vNUbX"),
	    FIXTURE_SECRET, "bad encryptedPassword");
	assert_fails(edit(fixture_blob, FIXTURE_CT, ""), FIXTURE_SECRET,
	    "bad encryptedPassword");
	assert_fails(edit(fixture_blob, FIXTURE_CT, "dokQo8!!"), FIXTURE_SECRET,
	    "bad encryptedPassword");
	/* GCM: a changed byte fails the tag; a short one has no room for it. */
	assert_fails(edit(java_sha512_gcm128, "MsnlafeT", "MsnlafeU"),
	    JAVA_SECRET, "wrong password.encoder.secret or corrupt value");
	assert_fails(edit(java_sha512_gcm128, GCM_CT, GCM_CT_SHORT),
	    JAVA_SECRET, "wrong password.encoder.secret or corrupt value");
	assert_fails(edit(java_sha512_gcm128, GCM_CT, "MsnlafeTt3kp"),
	    JAVA_SECRET, "bad encryptedPassword");
}

Test(crypto, missing_or_bad_fields_are_named)
{
	const char *v;

	v = edit(fixture_blob, "salt:", "peppr:");
	assert_fails(v, FIXTURE_SECRET, "missing salt");
	cr_assert_str_eq(e.msg, "missing salt");
	assert_fails(edit(fixture_blob, "initializationVector:", "iv:"),
	    FIXTURE_SECRET, "missing initializationVector");
	assert_fails(edit(fixture_blob, "encryptedPassword:", "ep:"),
	    FIXTURE_SECRET, "missing encryptedPassword");
	assert_fails(edit(fixture_blob, "salt:1Qr", "salt:!Qr"), FIXTURE_SECRET,
	    "bad salt");
	assert_fails(edit(fixture_blob, "salt:1QrCiL", "salt:1QrCiL-_"),
	    FIXTURE_SECRET, "bad salt");
	assert_fails(edit(fixture_blob, "WtHskpqvIn5BdDeHKZxndw==", "WtHs"),
	    FIXTURE_SECRET, "bad initializationVector");
	assert_fails(edit(fixture_blob, "iterations:4096", "iterations:-1"),
	    FIXTURE_SECRET, "bad iterations");
	assert_fails(edit(fixture_blob, "iterations:4096", "iterations:0"),
	    FIXTURE_SECRET, "bad iterations");
	assert_fails(edit(fixture_blob, "keyLength:128", "keyLength:12x"),
	    FIXTURE_SECRET, "bad keyLength");
	assert_fails(edit(fixture_blob, "passwordLength:17",
			 "passwordLength:99999999999"),
	    FIXTURE_SECRET, "bad passwordLength");
	assert_fails(
	    edit(java_sha512_gcm128, "authenticationTagLength:128,", ""),
	    JAVA_SECRET, "missing authenticationTagLength");
}

Test(crypto, unsupported_algorithms_are_named)
{
	assert_fails(
	    edit(fixture_blob, "AES/CBC/PKCS5Padding", "AES/CTR/NoPadding"),
	    FIXTURE_SECRET, "unsupported cipherAlgorithm AES/CTR/NoPadding");
	assert_fails(
	    edit(fixture_blob, "PBKDF2WithHmacSHA512", "PBKDF2WithHmacMD5"),
	    FIXTURE_SECRET,
	    "unsupported keyFactoryAlgorithm PBKDF2WithHmacMD5");
	assert_fails(edit(fixture_blob, "keyLength:128", "keyLength:64"),
	    FIXTURE_SECRET, "unsupported keyLength 64");
	assert_fails(edit(java_sha512_gcm128, "authenticationTagLength:128",
			 "authenticationTagLength:64"),
	    JAVA_SECRET, "unsupported authenticationTagLength 64");
	/* A name that cannot go into a one-line message is not quoted. */
	assert_fails(edit(fixture_blob, "AES/CBC/PKCS5Padding", "AES\tX"),
	    FIXTURE_SECRET, "unsupported cipherAlgorithm (unprintable)");
}

Test(crypto, password_length_mismatch_fails)
{
	assert_fails(
	    edit(fixture_blob, "passwordLength:17", "passwordLength:16"),
	    FIXTURE_SECRET, "passwordLength");
	/* UTF-8 bytes (19) are not UTF-16 units (13). */
	assert_fails(
	    edit(java_sha1_cbc256, "passwordLength:13", "passwordLength:19"),
	    JAVA_SECRET, "passwordLength");
}

Test(crypto, java_vectors_decrypt)
{
	size_t i;

	for (i = 0; i < sizeof java_vectors / sizeof *java_vectors; i++) {
		cr_assert_eq(
		    decrypt(java_vectors[i].blob, java_vectors[i].secret), 0,
		    "%s: %s", java_vectors[i].name, e.msg);
		cr_assert_str_eq(
		    out, java_vectors[i].plain, "%s", java_vectors[i].name);
	}
}

Test(crypto, plaintext_must_be_utf8_without_nul)
{
	assert_fails(java_raw_not_utf8, JAVA_SECRET, "not UTF-8");
	assert_fails(java_raw_nul, JAVA_SECRET, "NUL");
}

Test(crypto, recognizes_encoded_passwords)
{
	size_t i;

	cr_assert(crypto_is_encoded_password(fixture_blob));
	for (i = 0; i < sizeof java_vectors / sizeof *java_vectors; i++)
		cr_assert(crypto_is_encoded_password(java_vectors[i].blob));
	cr_assert(crypto_is_encoded_password(
	    "encryptedPassword:x, salt : y,initializationVector:z"));
	cr_assert_not(crypto_is_encoded_password("ext-keystore-pass"));
	cr_assert_not(crypto_is_encoded_password(""));
	cr_assert_not(crypto_is_encoded_password("salt:x,encryptedPassword:y"));
	cr_assert_not(crypto_is_encoded_password(
	    "PLAINTEXT://host:9092,SSL://host:9093"));
	cr_assert_not(crypto_is_encoded_password(
	    "encryptedPassword,salt,initializationVector"));
}

Test(crypto, wipe_free_takes_null)
{
	crypto_wipe_free(NULL);
	out = strdup("secret");
	crypto_wipe_free(out);
	out = NULL;
}

static void
assert_uuid(const struct kuuid *u, const char *hex)
{
	uint8_t want[16];

	cr_assert_eq(hex_parse(hex, want, sizeof want), 16);
	assert_bytes_eq(u->b, 16, want, 16);
}

/* RFC 4122 appendix C: NameSpace_DNS 6ba7b810-9dad-11d1-80b4-00c04fd430c8. */
static const struct kuuid ns_dns = {{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11,
    0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}};

Test(crypto, uuid_v5_matches_python)
{
	struct kuuid u;

	/*
	 * Python 3: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), as in its
	 * documentation (not ...-0c9aedd0aaa1, a value seen quoted elsewhere).
	 */
	crypto_uuid_v5(&u, &ns_dns, "python.org", 10);
	assert_uuid(&u, "886313e13b8a53729b900c9aee199e5d");
	crypto_uuid_v5(&u, &ns_dns, "www.example.com", 15);
	assert_uuid(&u, "2ed6657de927568b95e12665a8aea6a2");
}

Test(crypto, uuid_v5_sets_version_and_variant)
{
	static const char *names[] = {
	    "", "a", "python.org", "orders", "\xff\xff\xff\xff"};
	struct kuuid u;
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++) {
		crypto_uuid_v5(&u, &ns_dns, names[i], strlen(names[i]));
		cr_assert_eq(u.b[6] >> 4, 5, "%s", names[i]);
		cr_assert_eq(u.b[8] >> 6, 2, "%s", names[i]);
	}
}

Test(crypto, uuid_v5_is_deterministic)
{
	struct kuuid a, b, c, ns = {{0}};

	crypto_uuid_v5(&a, &ns_dns, "orders", 6);
	crypto_uuid_v5(&b, &ns_dns, "orders", 6);
	assert_bytes_eq(a.b, 16, b.b, 16);
	crypto_uuid_v5(&c, &ns_dns, "orders2", 7);
	cr_assert_neq(memcmp(a.b, c.b, 16), 0, "the name must count");
	crypto_uuid_v5(&c, &ns, "orders", 6);
	cr_assert_neq(memcmp(a.b, c.b, 16), 0, "the namespace must count");
	/* len, not NUL, ends the name. */
	crypto_uuid_v5(&c, &ns_dns, "ordersXYZ", 6);
	assert_bytes_eq(a.b, 16, c.b, 16);
}

Test(crypto, random_fills_exactly_len_bytes)
{
	uint8_t a[34], b[34];
	size_t i, same = 0;

	memset(a, 0xa5, sizeof a);
	memset(b, 0xa5, sizeof b);
	cr_assert_eq(crypto_random(a + 1, 32, &e), 0, "%s", e.msg);
	cr_assert_eq(crypto_random(b + 1, 32, &e), 0, "%s", e.msg);
	cr_assert_eq(a[0], 0xa5);
	cr_assert_eq(a[33], 0xa5);
	cr_assert_eq(b[0], 0xa5);
	cr_assert_eq(b[33], 0xa5);
	cr_assert_neq(memcmp(a + 1, b + 1, 32), 0, "two calls gave the same");
	for (i = 1; i <= 32; i++)
		same += a[i] == 0xa5;
	cr_assert_lt(same, 8, "32 bytes left mostly untouched");
	cr_assert_eq(crypto_random(a, 0, &e), 0);
}
