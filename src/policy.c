/*
 * Sensitive config keys and --allow codes (see policy.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "policy.h"

/* Blocker codes --allow accepts: what the operator may knowingly accept.
 * Model codes leave the unreadable znode content out. */
static const char *const policy_allow_codes[] = {
    "acl-any-resource-type",
    "acl-unknown-operation",
    "acl-unknown-permission",
    "acl-unknown-resource-type",
    "bad-broker-config-name",
    "bad-name",
    "bad-partition-id",
    "bad-principal",
    "bad-quota-value",
    "bad-scram",
    "bad-topic-id",
    "bad-value",
    "cluster-running",
    "duplicate-partition",
    "duplicate-token",
    "empty-replicas",
    "malformed-json",
    "migration-attempted",
    "missing-field",
    "mv-too-low-scram",
    "mv-too-low-tokens",
    "null-data",
    "password-not-encrypted",
    "token-id-mismatch",
    "unknown-version",
    "value-too-long",
    "wrong-type",
};
#define POLICY_NALLOW (sizeof policy_allow_codes / sizeof policy_allow_codes[0])

/* PASSWORD-typed, dynamically updatable broker configs (3.4). */
static const char *const policy_password_suffixes[] = {
    "ssl.keystore.password",
    "ssl.key.password",
    "ssl.truststore.password",
    "ssl.keystore.key",
    "ssl.keystore.certificate.chain",
    "ssl.truststore.certificates",
    "sasl.jaas.config",
};

bool
policy_allowable(const char *code)
{
	size_t i;

	for (i = 0; i < POLICY_NALLOW; i++)
		if (strcmp(code, policy_allow_codes[i]) == 0)
			return true;
	return false;
}

const char *
policy_allowable_list(void)
{
	static char list[1024];
	size_t i, len = 0;

	if (list[0] == '\0')
		for (i = 0; i < POLICY_NALLOW; i++)
			len += (size_t)snprintf(list + len, sizeof list - len,
			    "%s%s", i > 0 ? ", " : "", policy_allow_codes[i]);
	return list;
}

bool
policy_allowed(const char *const *allow, size_t n, const char *code)
{
	size_t i;

	if (!policy_allowable(code))
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(allow[i], code) == 0)
			return true;
	return false;
}

static bool
policy_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool
policy_config_password(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof policy_password_suffixes /
		 sizeof policy_password_suffixes[0];
	     i++)
		if (policy_ends_with(key, policy_password_suffixes[i]))
			return true;
	return false;
}

bool
policy_config_sensitive(const char *key)
{
	return policy_config_password(key) || strstr(key, "password") != NULL ||
	    strstr(key, "secret") != NULL || strstr(key, "jaas") != NULL ||
	    strstr(key, "credential") != NULL;
}

const char *
policy_config_value(const char *key, const char *value)
{
	return policy_config_sensitive(key) ? POLICY_REDACTED : value;
}
