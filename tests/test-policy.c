/*
 * Tests of the policy module (policy.h): which config keys are secret and
 * which blocker codes --allow accepts.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

TestSuite(policy);

Test(policy, config_key_classes)
{
	cr_assert(
	    policy_config_password("listener.name.internal.ssl.key.password"));
	cr_assert(
	    policy_config_sensitive("listener.name.internal.ssl.key.password"));
	cr_assert(policy_config_password("sasl.jaas.config"));
	cr_assert(policy_config_sensitive("sasl.jaas.config"));
	cr_assert(policy_config_password(
	    "listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config"));
	cr_assert(policy_config_password("ssl.keystore.password"));
	cr_assert(policy_config_password("ssl.truststore.password"));
	cr_assert(policy_config_password("ssl.keystore.key"));
	cr_assert(policy_config_password("ssl.keystore.certificate.chain"));
	cr_assert(policy_config_password("ssl.truststore.certificates"));
	cr_assert(!policy_config_password("log.retention.ms"));
	cr_assert(!policy_config_sensitive("log.retention.ms"));
	cr_assert(!policy_config_password("ssl.keystore.location"));
	cr_assert(!policy_config_password("ssl.key.password.extra"));
	/* Sensitive without being an encrypted broker password. */
	cr_assert(!policy_config_password("password.encoder.secret"));
	cr_assert(policy_config_sensitive("password.encoder.secret"));
	cr_assert(policy_config_sensitive("delegation.token.secret.key"));
	cr_assert(!policy_config_sensitive("cleanup.policy"));
}

Test(policy, allowable_codes)
{
	static const char *const yes[] = {"cluster-running",
	    "migration-attempted", "malformed-json", "mv-too-low-scram",
	    "mv-too-low-tokens", "acl-unknown-operation",
	    "acl-unknown-permission", "bad-scram", "bad-quota-value",
	    "unknown-version", "wrong-type", "password-not-encrypted"};
	static const char *const no[] = {"encrypted-password",
	    "password-decrypt-failed", "topic-without-id", "duplicate-topic-id",
	    "bootstrap-too-many-records", "bootstrap-too-large",
	    "bootstrap-chunk-too-large", "cluster-id-missing",
	    "scram-default-entity", "", "cluster-running ", "CLUSTER-RUNNING"};
	const char *list = policy_allowable_list();
	char *copy, *tok, *save;
	size_t i, n = 0;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		cr_assert(policy_allowable(yes[i]), "%s", yes[i]);
		cr_assert_not_null(strstr(list, yes[i]));
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		cr_assert(!policy_allowable(no[i]), "%s", no[i]);
	/* The list names only allowable codes, ", "-separated. */
	copy = strdup(list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		if (n > 0) {
			cr_assert_eq(tok[0], ' ');
			tok++;
		}
		cr_assert(policy_allowable(tok), "listed %s", tok);
		n++;
	}
	free(copy);
	cr_assert_geq(n, sizeof yes / sizeof yes[0]);
	cr_assert_eq(policy_allowable_list(), list, "a static string");
}

Test(policy, is_allowed)
{
	const char *const allow[] = {"bad-name", "cluster-running", "a"};

	cr_assert(!policy_allowed(allow, 0, "cluster-running"));
	cr_assert(policy_allowed(allow, 2, "cluster-running"));
	cr_assert(policy_allowed(allow, 2, "bad-name"));
	cr_assert(!policy_allowed(allow, 2, "cluster"));
	cr_assert(!policy_allowed(allow, 1, "cluster-running"));
	/* Only allowable codes are ever allowed. */
	cr_assert(!policy_allowed(allow, 3, "a"));
}
