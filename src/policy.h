/*
 * Policy: what zk2kraft never shows and what the operator may accept.
 * Which config keys hold secrets (their values are redacted in every
 * report and difference; PASSWORD-typed broker configs are also decrypted
 * by the translation), and which blocker codes --allow accepts.  Pure
 * tables and predicates: every string returned is static.
 */
#ifndef POLICY_H
#define POLICY_H

#include <stdbool.h>
#include <stddef.h>

/* What a report or a difference shows in place of a secret value. */
#define POLICY_REDACTED "[redacted]"

/* Whether code can be given to --allow. */
bool policy_allowable(const char *code);

/* The allowable codes, comma-separated, for messages.  Static. */
const char *policy_allowable_list(void);

/* Whether code is allowable and among the n codes given with --allow. */
bool policy_allowed(const char *const *allow, size_t n, const char *code);

/*
 * Whether a config value is secret and must not be printed: broker
 * password configs (the key ends with a PASSWORD-typed broker config name)
 * and keys naming a password, secret, credential or JAAS configuration.
 */
bool policy_config_sensitive(const char *key);

/* Whether a broker config key is a PASSWORD-typed (encrypted) config. */
bool policy_config_password(const char *key);

/* value, or POLICY_REDACTED when key is sensitive: what may be shown. */
const char *policy_config_value(const char *key, const char *value);

#endif /* POLICY_H */
