/* test_version.c — PEP 440 versions: every spelling the PEP allows parses to packaging's
 * canonical form, everything else is rejected with its reason, and the order is the PEP's
 * (PEP examples, pre/post/dev interplay, local labels, epochs, long releases). */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "version.h"

/* Input, then the canonical form packaging's str(Version(input)) prints. */
static const struct {
    const char *input;
    const char *canonical;
} canonical_cases[] = {
    {"1.0.dev456", "1.0.dev456"},
    {"1.0a1", "1.0a1"},
    {"1.0a2.dev456", "1.0a2.dev456"},
    {"1.0a12.dev456", "1.0a12.dev456"},
    {"1.0a12", "1.0a12"},
    {"1.0b1.dev456", "1.0b1.dev456"},
    {"1.0b2", "1.0b2"},
    {"1.0b2.post345.dev456", "1.0b2.post345.dev456"},
    {"1.0b2.post345", "1.0b2.post345"},
    {"1.0rc1.dev456", "1.0rc1.dev456"},
    {"1.0rc1", "1.0rc1"},
    {"1.0", "1.0"},
    {"1.0+abc.5", "1.0+abc.5"},
    {"1.0+abc.7", "1.0+abc.7"},
    {"1.0+5", "1.0+5"},
    {"1.0.post456.dev34", "1.0.post456.dev34"},
    {"1.0.post456", "1.0.post456"},
    {"1.0.15", "1.0.15"},
    {"1.1.dev1", "1.1.dev1"},
    {"0.1", "0.1"},
    {"0.2", "0.2"},
    {"0.3", "0.3"},
    {"1.1", "1.1"},
    {"1.1.0", "1.1.0"},
    {"1.1.1", "1.1.1"},
    {"1.1.2", "1.1.2"},
    {"1.2.0", "1.2.0"},
    {"0.9", "0.9"},
    {"1.0a2", "1.0a2"},
    {"1.1a1", "1.1a1"},
    {"1.0.dev1", "1.0.dev1"},
    {"1.0.dev2", "1.0.dev2"},
    {"1.0.dev3", "1.0.dev3"},
    {"1.0.dev4", "1.0.dev4"},
    {"1.0c1", "1.0rc1"},
    {"1.0c2", "1.0rc2"},
    {"1.0.post1", "1.0.post1"},
    {"2012.4", "2012.4"},
    {"2012.7", "2012.7"},
    {"2012.10", "2012.10"},
    {"2013.1", "2013.1"},
    {"2013.6", "2013.6"},
    {"1!1.0", "1!1.0"},
    {"1!1.1", "1!1.1"},
    {"1!2.0", "1!2.0"},
    {"2!0.1", "2!0.1"},
    {"1.0.0", "1.0.0"},
    {"1.0.0.0", "1.0.0.0"},
    {"3.1", "3.1"},
    {"3.1.0", "3.1.0"},
    {"3.1.dev0", "3.1.dev0"},
    {"3.1.post0", "3.1.post0"},
    {"3.1a1", "3.1a1"},
    {"3.2.0", "3.2.0"},
    {"1.0.post1.dev1", "1.0.post1.dev1"},
    {"1.0a1.post1.dev1", "1.0a1.post1.dev1"},
    {"1.0a1.post1", "1.0a1.post1"},
    {"1.0a1.dev1", "1.0a1.dev1"},
    {"1.0.dev0", "1.0.dev0"},
    {"1.0b1", "1.0b1"},
    {"1.0A1", "1.0a1"},
    {"1.0ALPHA1", "1.0a1"},
    {"1.0alpha1", "1.0a1"},
    {"1.0beta2", "1.0b2"},
    {"1.0BETA2", "1.0b2"},
    {"1.0c3", "1.0rc3"},
    {"1.0C3", "1.0rc3"},
    {"1.0rc3", "1.0rc3"},
    {"1.0RC3", "1.0rc3"},
    {"1.0pre4", "1.0rc4"},
    {"1.0preview5", "1.0rc5"},
    {"1.0PREVIEW", "1.0rc0"},
    {"1.0-alpha.1", "1.0a1"},
    {"1.0_beta_2", "1.0b2"},
    {"1.0.rc.3", "1.0rc3"},
    {"1.0a", "1.0a0"},
    {"1.0b", "1.0b0"},
    {"1.0rc", "1.0rc0"},
    {"1.0c", "1.0rc0"},
    {"1.0-a", "1.0a0"},
    {"1.0.a.0", "1.0a0"},
    {"1.0a-", "1.0a0"},
    {"1.0a.", "1.0a0"},
    {"1.0a_", "1.0a0"},
    {"1.0-1", "1.0.post1"},
    {"1.0-0", "1.0.post0"},
    {"1.0post", "1.0.post0"},
    {"1.0.post", "1.0.post0"},
    {"1.0-post", "1.0.post0"},
    {"1.0_post_2", "1.0.post2"},
    {"1.0.post.3", "1.0.post3"},
    {"1.0r", "1.0.post0"},
    {"1.0r4", "1.0.post4"},
    {"1.0-r4", "1.0.post4"},
    {"1.0rev", "1.0.post0"},
    {"1.0.rev5", "1.0.post5"},
    {"1.0REV6", "1.0.post6"},
    {"1.0POST7", "1.0.post7"},
    {"1.0.post-", "1.0.post0"},
    {"1.0-post-8", "1.0.post8"},
    {"1.0dev", "1.0.dev0"},
    {"1.0.dev", "1.0.dev0"},
    {"1.0-dev", "1.0.dev0"},
    {"1.0_dev_3", "1.0.dev3"},
    {"1.0.dev.4", "1.0.dev4"},
    {"1.0DEV5", "1.0.dev5"},
    {"1.0.dev.", "1.0.dev0"},
    {"1.0a1-1", "1.0a1.post1"},
    {"1.0a1.post2", "1.0a1.post2"},
    {"1.0a1post2", "1.0a1.post2"},
    {"1.0apost", "1.0a0.post0"},
    {"1.0a.post1", "1.0a0.post1"},
    {"1.0a--1", "1.0a0.post1"},
    {"1.0rc1-2", "1.0rc1.post2"},
    {"1.0rc1.dev3", "1.0rc1.dev3"},
    {"1.0rc1dev3", "1.0rc1.dev3"},
    {"1.0.post1dev2", "1.0.post1.dev2"},
    {"1.0-1.dev2", "1.0.post1.dev2"},
    {"1.0-1-dev2", "1.0.post1.dev2"},
    {"v1.0", "1.0"},
    {"V1.0", "1.0"},
    {"v1!2.0", "1!2.0"},
    {" 1.0", "1.0"},
    {"1.0 ", "1.0"},
    {"  1.0a1  ", "1.0a1"},
    {"\v1.0\f", "1.0"},
    {"01.02", "1.2"},
    {"001.0002.0003", "1.2.3"},
    {"1.00", "1.0"},
    {"0", "0"},
    {"00", "0"},
    {"0.0", "0.0"},
    {"0.0.0.0.0.0", "0.0.0.0.0.0"},
    {"1.2.3.4.5", "1.2.3.4.5"},
    {"1.2.3.4.5.6", "1.2.3.4.5.6"},
    {"1.2.3.4.5.6.7.8.9.10.11.12", "1.2.3.4.5.6.7.8.9.10.11.12"},
    {"1.2.3.4.5.0.0.0.0.0.0", "1.2.3.4.5.0.0.0.0.0.0"},
    {"1.2.3.4.5.0.0.0.0.0.1", "1.2.3.4.5.0.0.0.0.0.1"},
    {"0!1.0", "1.0"},
    {"00!1.0", "1.0"},
    {"1.0a01", "1.0a1"},
    {"1.0.post01", "1.0.post1"},
    {"1.0.dev01", "1.0.dev1"},
    {"18446744073709551615", "18446744073709551615"},
    {"1.18446744073709551615", "1.18446744073709551615"},
    {"18446744073709551615!1", "18446744073709551615!1"},
    {"1.0+ubuntu-1", "1.0+ubuntu.1"},
    {"1.0+Ubuntu_1", "1.0+ubuntu.1"},
    {"1.0+ubuntu.1", "1.0+ubuntu.1"},
    {"1.0+UBUNTU.1", "1.0+ubuntu.1"},
    {"1.0+cu128", "1.0+cu128"},
    {"1.0+cpu", "1.0+cpu"},
    {"1.0+cu118", "1.0+cu118"},
    {"1.0+cu12", "1.0+cu12"},
    {"1.0+1", "1.0+1"},
    {"1.0+01", "1.0+1"},
    {"1.0+001.a", "1.0+1.a"},
    {"1.0+2", "1.0+2"},
    {"1.0+10", "1.0+10"},
    {"1.0+a", "1.0+a"},
    {"1.0+a.1", "1.0+a.1"},
    {"1.0+a.b", "1.0+a.b"},
    {"1.0+a.1.b", "1.0+a.1.b"},
    {"1.0+1.a", "1.0+1.a"},
    {"1.0+1a", "1.0+1a"},
    {"1.0+a1", "1.0+a1"},
    {"1.0+abc", "1.0+abc"},
    {"1.0+abd", "1.0+abd"},
    {"1.0+ab", "1.0+ab"},
    {"1.0+0", "1.0+0"},
    {"1.0+99999999999999999999999", "1.0+99999999999999999999999"},
    {"1.0+99999999999999999999998", "1.0+99999999999999999999998"},
    {"1.0+9.9", "1.0+9.9"},
    {"1.0+9.10", "1.0+9.10"},
    {"1.0.0+cu128", "1.0.0+cu128"},
    {"2.9.0+cu128", "2.9.0+cu128"},
    {"2.9.0", "2.9.0"},
    {"2.9.0+cu130", "2.9.0+cu130"},
    {"2.9.0+cpu", "2.9.0+cpu"},
    {"1.0a1+local", "1.0a1+local"},
    {"1.0.post1+local", "1.0.post1+local"},
    {"1.0.dev1+local", "1.0.dev1+local"},
    {"1!1.0+local", "1!1.0+local"},
    {"1.0-beta-", "1.0b0"},
    {"1.0.dev-", "1.0.dev0"},
    {"1.0-post-", "1.0.post0"},
    {"1.0.0a1", "1.0.0a1"},
    {"1.0.0-alpha.1", "1.0.0a1"},
    {"1.0.0_Beta_2", "1.0.0b2"},
    {"2.0.0RC3", "2.0.0rc3"},
    {"1.0-pre.4", "1.0rc4"},
    {"1.0.preview_5", "1.0rc5"},
    {"1.0.POST.6", "1.0.post6"},
    {"1.0-r-7", "1.0.post7"},
    {"1.0_rev_8", "1.0.post8"},
    {"1.0.DEV.9", "1.0.dev9"},
    {"1.0-dev_10", "1.0.dev10"},
    {"0.0.27.post2+cu118", "0.0.27.post2+cu118"},
    {"2.5.1+cpu", "2.5.1+cpu"},
    {"12.6.4.1", "12.6.4.1"},
    {"2025.11.2", "2025.11.2"},
    {"1!2.0rc1.post2.dev3+ubuntu-1", "1!2.0rc1.post2.dev3+ubuntu.1"},
    {"1.0+AbC-01-DeF_002", "1.0+abc.1.def.2"},
    {"v2.0", "2.0"},
    {"V2.0a1", "2.0a1"},
    {"0001!0002.0003", "1!2.3"},
    {"1.0a0", "1.0a0"},
    {"1.0b0", "1.0b0"},
    {"1.0rc0", "1.0rc0"},
    {"1.0.post0", "1.0.post0"},
    {"1.0a1.dev0", "1.0a1.dev0"},
    {"1.0a1.post0", "1.0a1.post0"},
    {"1.0a1.post0.dev0", "1.0a1.post0.dev0"},
    {"1.0pre", "1.0rc0"},
    {"1.0preview", "1.0rc0"},
    {"1.0alpha", "1.0a0"},
    {"1.0beta", "1.0b0"},
    {"1.0.0-1", "1.0.0.post1"},
    {"1.0.r0", "1.0.post0"},
};

/* The normalisation examples of PEP 440, one by one. */
static const struct {
    const char *input;
    const char *canonical;
} pep_normalisation_cases[] = {
    {"1.1RC1", "1.1rc1"},       {"00", "0"},                {"09000", "9000"},
    {"1.0+foo0100", "1.0+foo0100"}, {"1.1.a1", "1.1a1"},    {"1.1-a1", "1.1a1"},
    {"1.0a.1", "1.0a1"},        {"1.1alpha1", "1.1a1"},     {"1.1beta2", "1.1b2"},
    {"1.1c3", "1.1rc3"},        {"1.2a", "1.2a0"},          {"1.2-post2", "1.2.post2"},
    {"1.2post2", "1.2.post2"},  {"1.2.post-2", "1.2.post2"}, {"1.0-r4", "1.0.post4"},
    {"1.2.post", "1.2.post0"},  {"1.0-1", "1.0.post1"},     {"1.2-dev2", "1.2.dev2"},
    {"1.2dev2", "1.2.dev2"},    {"1.2.dev", "1.2.dev0"},    {"1.0+ubuntu-1", "1.0+ubuntu.1"},
    {"v1.0", "1.0"},            {"1.0\n", "1.0"},          {" \t\n\r\f\v1.0 \t\n\r\f\v", "1.0"},
    {"1.dev0", "1.dev0"},
};

/* Each chain is strictly increasing in PEP 440 order (checked for every pair i < j). */
static const char *const chains_0[] = {"1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1", NULL};
static const char *const chains_1[] = {"1.0.dev0", "1.0a1.dev1", "1.0a1", "1.0a1.post1.dev1", "1.0a1.post1", "1.0b1", "1.0rc1", "1.0", "1.0.post1.dev1", "1.0.post1", NULL};
static const char *const chains_2[] = {"0.1", "0.2", "0.3", "1.0", "1.1", NULL};
static const char *const chains_3[] = {"1.1.0", "1.1.1", "1.1.2", "1.2.0", NULL};
static const char *const chains_4[] = {"0.9", "1.0a1", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.1a1", NULL};
static const char *const chains_5[] = {"0.9", "1.0.dev1", "1.0.dev2", "1.0.dev3", "1.0.dev4", "1.0c1", "1.0c2", "1.0", "1.0.post1", "1.1.dev1", NULL};
static const char *const chains_6[] = {"2012.4", "2012.7", "2012.10", "2013.1", "2013.6", NULL};
static const char *const chains_7[] = {"2013.10", "2014.04", "1!1.0", "1!1.1", "1!2.0.dev0", "1!2.0", "2!0.1", NULL};
static const char *const chains_8[] = {"1.0", "1.0+a", "1.0+a.b", "1.0+a.0", "1.0+a.1", "1.0+a.2", "1.0+a.10", "1.0+ab", "1.0+b", "1.0+z", "1.0+0", "1.0+1", "1.0+1.a", "1.0+1.0", "1.0+2", "1.0+10", "1.0+99999999999999999999", "1.0+100000000000000000000", "1.0.post0", NULL};
static const char *const chains_9[] = {"0", "0.0.1", "0.1", "0.9.9", "1", "1.0.0.1", "1.0.1", "1.1", "1.1.0.0.0.0.1", "1.2", "1.10", "2", "10", "18446744073709551615", NULL};
static const char *const chains_10[] = {"1.0a0", "1.0a1", "1.0a2", "1.0a10", "1.0b0", "1.0b1", "1.0rc0", "1.0rc1", "1.0rc10", "1.0", NULL};
static const char *const chains_11[] = {"1.0.dev0", "1.0.dev1", "1.0.dev10", "1.0", "1.0.post0.dev0", "1.0.post0", "1.0.post1.dev0", "1.0.post1", "1.0.post10", "1.0.1.dev0", "1.0.1a1", "1.0.1", NULL};
static const char *const chains_12[] = {"2.5.1", "2.8.0+cpu", "2.8.0+cu126", "2.8.0+cu128", "2.9.0", "2.9.0+cpu", "2.9.0+cu126", "2.9.0+cu128", "2.9.0+cu130", "2.9.1", NULL};
static const char *const chains_13[] = {"1.2.3.4.5", "1.2.3.4.5.0.0.1", "1.2.3.4.5.1", "1.2.3.4.6", "1.2.3.4.6.0.0.0.0.0.0.1", NULL};
static const char *const pep_release_chain[] = {"0.9", "0.9.1", "0.9.2", "0.9.10", "0.9.11", "1.0", "1.0.1", "1.1", "2.0", "2.0.1", NULL};
static const char *const pep_date_chain[] = {"2012.1", "2012.2", "2012.3", "2012.15", "2013.1", "2013.2", NULL};
static const char *const pep_no_epoch_chain[] = {"1.0", "1.1", "2.0", "2013.10", "2014.04", NULL};
static const char *const *const chains[] = {pep_release_chain, pep_date_chain, pep_no_epoch_chain, chains_0, chains_1, chains_2, chains_3, chains_4, chains_5, chains_6, chains_7, chains_8, chains_9, chains_10, chains_11, chains_12, chains_13};

/* Each group holds spellings of one version. */
static const char *const equal_groups_0[] = {"1.0", "1.0.0", "1.00", "v1.0", "1.0.0.0.0.0.0", "01.0", "0!1.0", NULL};
static const char *const equal_groups_1[] = {"1.0a1", "1.0alpha1", "1.0-a1", "1.0.a.1", "1.0A1", "1.0a01", NULL};
static const char *const equal_groups_2[] = {"1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-rc-1", "1.0RC1", NULL};
static const char *const equal_groups_3[] = {"1.0.post1", "1.0-1", "1.0post1", "1.0r1", "1.0rev1", "1.0-post-1", "1.0.post01", NULL};
static const char *const equal_groups_4[] = {"1.0.dev0", "1.0dev", "1.0-dev", "1.0.dev", NULL};
static const char *const equal_groups_5[] = {"1.0+ubuntu.1", "1.0+ubuntu-1", "1.0+Ubuntu_1", "1.0+UBUNTU.01", NULL};
static const char *const *const equal_groups[] = {equal_groups_0, equal_groups_1, equal_groups_2, equal_groups_3, equal_groups_4, equal_groups_5};

/* Not versions, and a fragment of the reason gpulock must give. */
static const struct {
    const char *input;
    const char *reason;
} invalid_cases[] = {
    {"", "empty version"},
    {" \t ", "empty version"},
    {"1.0-abc", "unexpected 'bc' after '1.0-a'"},
    {"french toast", "starts with a release number"},
    {"1.0.", "unexpected '.' after '1.0'"},
    {"1..0", "unexpected '..0' after '1'"},
    {".1", "starts with a release number"},
    {"-1.0", "starts with a release number"},
    {"+1.0", "starts with a release number"},
    {"=1.0", "starts with a release number"},
    {"v", "starts with a release number"},
    {"vv1", "starts with a release number"},
    {"a1", "starts with a release number"},
    {"dev", "starts with a release number"},
    {"latest", "starts with a release number"},
    {"1!", "release number after the epoch"},
    {"1!v1", "release number after the epoch"},
    {"!1", "starts with a release number"},
    {"1!2!3", "unexpected '!3'"},
    {"1.0-", "unexpected '-' after '1.0'"},
    {"1.0_", "unexpected '_' after '1.0'"},
    {"1.0--1", "unexpected '--1'"},
    {"1.0a1a1", "unexpected 'a1' after '1.0a1'"},
    {"1.0a1b1", "unexpected 'b1' after '1.0a1'"},
    {"1.0rc1c1", "unexpected 'c1' after '1.0rc1'"},
    {"1.0ab", "unexpected 'b' after '1.0a'"},
    {"1.0alpha-beta", "unexpected 'beta'"},
    {"1.0.post1.post2", "unexpected '.post2' after '1.0.post1'"},
    {"1.0.dev1.dev2", "unexpected '.dev2' after '1.0.dev1'"},
    {"1.0.dev1a1", "unexpected 'a1' after '1.0.dev1'"},
    {"1.0.post1a1", "unexpected 'a1' after '1.0.post1'"},
    {"1.0.post1.dev1.post2", "unexpected '.post2'"},
    {"1.0.dev1.post1", "unexpected '.post1' after '1.0.dev1'"},
    {"1.0 a1", "unexpected ' a1' after '1.0'"},
    {"1.0 .dev1", "unexpected ' .dev1'"},
    {"1.0 +local", "unexpected ' +local'"},
    {"1.0 1.0", "unexpected ' 1.0'"},
    {"1,0", "unexpected ',0' after '1'"},
    {"1.0.*", "unexpected '.*' after '1.0'"},
    {"1e3", "unexpected 'e3' after '1'"},
    {"0x10", "unexpected 'x10' after '0'"},
    {"1.0/1", "unexpected '/1'"},
    {"1.0;", "unexpected ';'"},
    {"1.0)", "unexpected ')'"},
    {"1.0.0.0.0.0.0.0.0.0.", "unexpected '.' after '1.0.0.0.0.0.0.0.0.0'"},
    {"1.0+", "empty local version label"},
    {"1.0++a", "local version label starts with a letter or digit"},
    {"1.0+-a", "local version label starts with a letter or digit"},
    {"1.0+.a", "local version label starts with a letter or digit"},
    {"1.0+a..b", "empty segment in local version label"},
    {"1.0+a_", "empty segment in local version label"},
    {"1.0+a.", "empty segment in local version label"},
    {"1.0+a+b", "letters, digits and . - _"},
    {"1.0+loc al", "letters, digits and . - _"},
    {"1.0+a/b", "letters, digits and . - _"},
    {"1.0+\xc3\xa9", "starts with a letter or digit"},
    {"1.0.po\xc5\xbft1", "unexpected"},
    {"\xef\xbc\x91.0", "starts with a release number"},
    {"18446744073709551616", "larger than 18446744073709551615"},
    {"99999999999999999999999999", "larger than"},
    {"1.18446744073709551616", "larger than"},
    {"18446744073709551616!1.0", "larger than"},
    {"1!18446744073709551616", "larger than"},
    {"1.0a18446744073709551616", "larger than"},
    {"1.0.post18446744073709551616", "larger than"},
    {"1.0-18446744073709551616", "larger than"},
    {"1.0.dev18446744073709551616", "larger than"},
    {"1.2.3.4.5.6.18446744073709551616", "larger than"},
};

static void check_canonical(const char *input, size_t len, const char *expected)
{
    gl_version v;
    gl_error err;
    gl_error_clear(&err);
    bool ok = gl_version_parse(&v, input, len, &err);
    if (!ok)
        fprintf(stderr, "\n  '%s': %s\n", input, err.message);
    CU_ASSERT_TRUE_FATAL(ok);
    char buf[256];
    size_t n = gl_version_format(&v, buf, sizeof buf);
    if (strcmp(buf, expected))
        fprintf(stderr, "\n  '%s' printed as '%s', expected '%s'\n", input, buf, expected);
    CU_ASSERT_STRING_EQUAL(buf, expected);
    CU_ASSERT_EQUAL(n, strlen(expected));
    gl_version_free(&v);
}

static void test_canonical_forms(void)
{
    for (size_t i = 0; i < sizeof canonical_cases / sizeof canonical_cases[0]; i++)
        check_canonical(canonical_cases[i].input, strlen(canonical_cases[i].input), canonical_cases[i].canonical);
}

static void test_pep_normalisation_examples(void)
{
    for (size_t i = 0; i < sizeof pep_normalisation_cases / sizeof pep_normalisation_cases[0]; i++)
        check_canonical(pep_normalisation_cases[i].input, strlen(pep_normalisation_cases[i].input),
                        pep_normalisation_cases[i].canonical);
    /* "1.0-" is not a version: the implicit post number needs the explicit "post" word. */
    gl_version v;
    CU_ASSERT_FALSE(gl_version_parse_cstr(&v, "1.0-", NULL));
    gl_version_free(&v);
}

static void test_canonical_form_is_a_fixed_point(void)
{
    for (size_t i = 0; i < sizeof canonical_cases / sizeof canonical_cases[0]; i++)
        check_canonical(canonical_cases[i].canonical, strlen(canonical_cases[i].canonical),
                        canonical_cases[i].canonical);
}

static void test_invalid_versions_name_input_and_reason(void)
{
    for (size_t i = 0; i < sizeof invalid_cases / sizeof invalid_cases[0]; i++) {
        gl_version v;
        gl_error err;
        gl_error_clear(&err);
        bool ok = gl_version_parse_cstr(&v, invalid_cases[i].input, &err);
        if (ok)
            fprintf(stderr, "\n  '%s' was accepted\n", invalid_cases[i].input);
        CU_ASSERT_FALSE(ok);
        CU_ASSERT_EQUAL(err.code, GL_EINVAL);
        char prefix[128];
        snprintf(prefix, sizeof prefix, "invalid version '%s': ", invalid_cases[i].input);
        bool named = !strncmp(err.message, prefix, strlen(prefix)) || strchr(invalid_cases[i].input, '\t');
        bool reason = strstr(err.message, invalid_cases[i].reason) != NULL;
        if (!named || !reason)
            fprintf(stderr, "\n  '%s': got \"%s\", expected reason \"%s\"\n", invalid_cases[i].input, err.message,
                    invalid_cases[i].reason);
        CU_ASSERT_TRUE(named);
        CU_ASSERT_TRUE(reason);
        /* A failed parse leaves an empty version that is safe to free. */
        CU_ASSERT_PTR_NULL(v.local);
        CU_ASSERT_PTR_NULL(v.heap_release);
        gl_version_free(&v);
    }
}

static int compare_text(const char *a, const char *b)
{
    gl_version va, vb;
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&va, a, NULL));
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&vb, b, NULL));
    int c = gl_version_compare(&va, &vb);
    gl_version_free(&va);
    gl_version_free(&vb);
    return c;
}

static void test_chains_are_ordered_pairwise(void)
{
    size_t pairs = 0;
    for (size_t k = 0; k < sizeof chains / sizeof chains[0]; k++) {
        const char *const *chain = chains[k];
        for (size_t i = 0; chain[i]; i++) {
            CU_ASSERT_EQUAL(compare_text(chain[i], chain[i]), 0);
            for (size_t j = i + 1; chain[j]; j++) {
                int lt = compare_text(chain[i], chain[j]), gt = compare_text(chain[j], chain[i]);
                if (lt >= 0 || gt <= 0)
                    fprintf(stderr, "\n  expected %s < %s (got %d, %d)\n", chain[i], chain[j], lt, gt);
                CU_ASSERT_TRUE(lt < 0);
                CU_ASSERT_TRUE(gt > 0);
                pairs++;
            }
        }
    }
    CU_ASSERT_TRUE(pairs > 500);
}

static void test_spellings_of_one_version_are_equal(void)
{
    for (size_t k = 0; k < sizeof equal_groups / sizeof equal_groups[0]; k++) {
        const char *const *group = equal_groups[k];
        for (size_t i = 0; group[i]; i++)
            for (size_t j = 0; group[j]; j++) {
                int c = compare_text(group[i], group[j]);
                if (c)
                    fprintf(stderr, "\n  expected %s == %s\n", group[i], group[j]);
                CU_ASSERT_EQUAL(c, 0);
            }
    }
}

static void test_compare_public_ignores_local(void)
{
    gl_version a, b, c;
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&a, "2.9.0+cu128", NULL));
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&b, "2.9.0", NULL));
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&c, "2.9.0+cpu", NULL));
    CU_ASSERT_EQUAL(gl_version_compare_public(&a, &b), 0);
    CU_ASSERT_EQUAL(gl_version_compare_public(&a, &c), 0);
    CU_ASSERT_TRUE(gl_version_compare(&a, &b) > 0);
    CU_ASSERT_TRUE(gl_version_compare(&c, &a) < 0); /* "cpu" < "cu128" */
    char buf[32];
    gl_version_format_public(&a, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "2.9.0");
    gl_version_free(&a);
    gl_version_free(&b);
    gl_version_free(&c);
}

static void test_parts_and_predicates(void)
{
    gl_version v;
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&v, " V3!1.2.3.4.5.6.7RC8-post9_DEV10+Local-01.X ", NULL));
    CU_ASSERT_EQUAL(v.epoch, 3);
    CU_ASSERT_EQUAL(v.nrelease, 7);
    CU_ASSERT_PTR_NOT_NULL(v.heap_release); /* 7 > GL_VERSION_INLINE_RELEASE */
    for (uint32_t i = 0; i < v.nrelease; i++)
        CU_ASSERT_EQUAL(gl_version_release(&v)[i], i + 1);
    CU_ASSERT_EQUAL(v.pre_kind, GL_PRE_RC);
    CU_ASSERT_EQUAL(v.pre, 8);
    CU_ASSERT_TRUE(v.has_post);
    CU_ASSERT_EQUAL(v.post, 9);
    CU_ASSERT_TRUE(v.has_dev);
    CU_ASSERT_EQUAL(v.dev, 10);
    CU_ASSERT_STRING_EQUAL(v.local, "local.1.x");
    CU_ASSERT_TRUE(gl_version_is_prerelease(&v));
    CU_ASSERT_TRUE(gl_version_is_postrelease(&v));
    gl_version_free(&v);

    static const struct {
        const char *text;
        bool pre, post;
    } predicates[] = {
        {"1.0", false, false},     {"1.0a1", true, false},         {"1.0.dev0", true, false},
        {"1.0.post1", false, true}, {"1.0.post1.dev1", true, true}, {"1.0rc1.post1", true, true},
        {"1.0+local", false, false}, {"1.0-1", false, true},        {"1!1.0c1", true, false},
    };
    for (size_t i = 0; i < sizeof predicates / sizeof predicates[0]; i++) {
        CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&v, predicates[i].text, NULL));
        CU_ASSERT_EQUAL(gl_version_is_prerelease(&v), predicates[i].pre);
        CU_ASSERT_EQUAL(gl_version_is_postrelease(&v), predicates[i].post);
        gl_version_free(&v);
    }
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&v, "18446744073709551615.0", NULL));
    CU_ASSERT_EQUAL(gl_version_release(&v)[0], UINT64_MAX);
    gl_version_free(&v);
}

static void test_parse_reads_only_len_bytes(void)
{
    const char text[] = "2.9.0+cu128; python_version >= '3.10'";
    gl_version v;
    CU_ASSERT_TRUE_FATAL(gl_version_parse(&v, text, 11, NULL));
    char *s = gl_version_to_string(&v);
    CU_ASSERT_STRING_EQUAL(s, "2.9.0+cu128");
    free(s);
    gl_version_free(&v);
    CU_ASSERT_FALSE(gl_version_parse(&v, text, 12, NULL));
    gl_version_free(&v);
    CU_ASSERT_FALSE(gl_version_parse(&v, "1.0", 0, NULL));
    gl_version_free(&v);
    CU_ASSERT_FALSE(gl_version_parse_cstr(&v, NULL, NULL));
    gl_version_free(&v);
    /* Embedded NUL is not whitespace. */
    CU_ASSERT_FALSE(gl_version_parse(&v, "1.0\0", 4, NULL));
    gl_version_free(&v);
}

static void test_unicode_whitespace_is_trimmed(void)
{
    gl_version v;
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&v, "\xc2\xa0" "1.0\xe3\x80\x80\xe2\x80\xa8", NULL));
    char buf[16];
    gl_version_format(&v, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "1.0");
    gl_version_free(&v);
    /* A lone continuation byte or another non-ASCII character is not whitespace. */
    CU_ASSERT_FALSE(gl_version_parse_cstr(&v, "1.0\xa0", NULL));
    gl_version_free(&v);
    CU_ASSERT_FALSE(gl_version_parse_cstr(&v, "\xe2\x80\x8b" "1.0", NULL)); /* zero-width space */
    gl_version_free(&v);
}

static void test_format_has_snprintf_semantics(void)
{
    gl_version v;
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&v, "1!2.0rc1.post2.dev3+ubuntu-1", NULL));
    const char *full = "1!2.0rc1.post2.dev3+ubuntu.1";
    CU_ASSERT_EQUAL(gl_version_format(&v, NULL, 0), strlen(full));
    char small[8];
    memset(small, 'x', sizeof small);
    CU_ASSERT_EQUAL(gl_version_format(&v, small, sizeof small), strlen(full));
    CU_ASSERT_STRING_EQUAL(small, "1!2.0rc");
    char one[1] = {'x'};
    CU_ASSERT_EQUAL(gl_version_format(&v, one, 1), strlen(full));
    CU_ASSERT_EQUAL(one[0], '\0');
    CU_ASSERT_EQUAL(gl_version_format_public(&v, NULL, 0), strlen("1!2.0rc1.post2.dev3"));
    char *s = gl_version_to_string(&v);
    CU_ASSERT_STRING_EQUAL(s, full);
    free(s);
    gl_version_free(&v);
}

static void test_copy_is_independent(void)
{
    gl_version src, dst;
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&src, "1.2.3.4.5.6.7.8+abc.def", NULL));
    CU_ASSERT_TRUE_FATAL(gl_version_copy(&dst, &src));
    CU_ASSERT_PTR_NOT_EQUAL(dst.heap_release, src.heap_release);
    CU_ASSERT_PTR_NOT_EQUAL(dst.local, src.local);
    CU_ASSERT_EQUAL(gl_version_compare(&dst, &src), 0);
    gl_version_free(&src);
    char *s = gl_version_to_string(&dst);
    CU_ASSERT_STRING_EQUAL(s, "1.2.3.4.5.6.7.8+abc.def");
    free(s);
    gl_version_free(&dst);
    gl_version_free(&dst); /* freeing twice is harmless */

    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&src, "1.0", NULL));
    CU_ASSERT_TRUE_FATAL(gl_version_copy(&dst, &src));
    CU_ASSERT_PTR_NULL(dst.heap_release);
    CU_ASSERT_PTR_NULL(dst.local);
    CU_ASSERT_EQUAL(gl_version_compare(&dst, &src), 0);
    gl_version_free(&src);
    gl_version_free(&dst);
}

static void test_very_long_release(void)
{
    /* 10000 components: the release grows on the heap; trailing zeros still don't count. */
    size_t n = 10000;
    char *text = malloc(n * 2 + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    for (size_t i = 0; i < n; i++) {
        text[2 * i] = i == 0 ? '1' : '0';
        text[2 * i + 1] = '.';
    }
    text[2 * n - 1] = '\0';
    gl_version v, one;
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&v, text, NULL));
    CU_ASSERT_EQUAL(v.nrelease, n);
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&one, "1", NULL));
    CU_ASSERT_EQUAL(gl_version_compare(&v, &one), 0);
    char *s = gl_version_to_string(&v);
    CU_ASSERT_STRING_EQUAL(s, text);
    free(s);
    text[2 * n - 2] = '1';
    gl_version w;
    CU_ASSERT_TRUE_FATAL(gl_version_parse_cstr(&w, text, NULL));
    CU_ASSERT_TRUE(gl_version_compare(&w, &v) > 0);
    gl_version_free(&w);
    gl_version_free(&v);
    gl_version_free(&one);
    free(text);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("version", NULL, NULL);
    CU_add_test(s, "canonical forms", test_canonical_forms);
    CU_add_test(s, "PEP 440 normalisation examples", test_pep_normalisation_examples);
    CU_add_test(s, "canonical form is a fixed point", test_canonical_form_is_a_fixed_point);
    CU_add_test(s, "invalid versions name input and reason", test_invalid_versions_name_input_and_reason);
    CU_add_test(s, "chains are ordered pairwise", test_chains_are_ordered_pairwise);
    CU_add_test(s, "spellings of one version are equal", test_spellings_of_one_version_are_equal);
    CU_add_test(s, "compare_public ignores local", test_compare_public_ignores_local);
    CU_add_test(s, "parts and predicates", test_parts_and_predicates);
    CU_add_test(s, "parse reads only len bytes", test_parse_reads_only_len_bytes);
    CU_add_test(s, "unicode whitespace is trimmed", test_unicode_whitespace_is_trimmed);
    CU_add_test(s, "format has snprintf semantics", test_format_has_snprintf_semantics);
    CU_add_test(s, "copy is independent", test_copy_is_independent);
    CU_add_test(s, "very long release", test_very_long_release);
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
