/* CUnit tests for digests: known vectors for every algorithm, incremental hashing,
 * verification in either case, the "<algo>=<hex>" spelling indexes use, and the errors. */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "hex.h"

static void test_known_vectors(void)
{
    static const struct {
        const char *algo, *data, *hex;
    } v[] = {
        {"sha256", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"sha256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"md5", "abc", "900150983cd24fb0d6963f7d28e17f72"},
        {"sha1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
        {"sha224", "abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
        {"sha384", "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                          "8086072ba1e7cc2358baeca134c825a7"},
        {"sha512", "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                          "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char out[GL_DIGEST_MAX_HEX + 1];
        gl_error err;
        gl_error_clear(&err);
        CU_ASSERT_TRUE_FATAL(gl_digest_hex(v[i].algo, v[i].data, strlen(v[i].data), out, &err));
        CU_ASSERT_STRING_EQUAL(out, v[i].hex);
        CU_ASSERT_EQUAL(gl_digest_hex_len(v[i].algo), strlen(v[i].hex));
        CU_ASSERT_TRUE(gl_digest_verify(v[i].data, strlen(v[i].data), v[i].algo, v[i].hex, &err));
    }
    char out[GL_SHA256_HEX_LEN + 1];
    gl_digest_sha256_hex("abc", 3, out);
    CU_ASSERT_STRING_EQUAL(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_incremental(void)
{
    /* A million 'a's in uneven pieces: the FIPS 180 long-message vector. */
    gl_error err;
    gl_digest *d = gl_digest_new("SHA256", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    char *chunk = malloc(1000000);
    memset(chunk, 'a', 1000000);
    size_t done = 0, step = 1;
    while (done < 1000000) {
        size_t n = step < 1000000 - done ? step : 1000000 - done;
        gl_digest_update(d, chunk + done, n);
        done += n;
        step = step * 3 + 1;
    }
    char out[GL_DIGEST_MAX_HEX + 1];
    gl_digest_final_hex(d, out);
    CU_ASSERT_STRING_EQUAL(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    gl_digest_free(d);
    free(chunk);
}

static void test_verify(void)
{
    gl_error err;
    gl_error_clear(&err);
    /* Upper-case expected digests are accepted. */
    CU_ASSERT_TRUE(gl_digest_verify("abc", 3, "sha256",
                                    "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", &err));
    /* A mismatch says both digests. */
    CU_ASSERT_FALSE(gl_digest_verify("abd", 3, "sha256",
                                     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", &err));
    CU_ASSERT_EQUAL(err.code, GL_EDIGEST);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "sha256 mismatch"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "expected ba7816bf"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "got "));
    /* Unsupported algorithms and malformed expectations are input errors, not mismatches. */
    gl_error_clear(&err);
    CU_ASSERT_FALSE(gl_digest_verify("abc", 3, "blake2b", "00", &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.message, "unsupported hash algorithm 'blake2b'");
    gl_error_clear(&err);
    CU_ASSERT_FALSE(gl_digest_verify("abc", 3, "sha256", "ba7816bf", &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "8 hex digits, expected 64"));
    gl_error_clear(&err);
    CU_ASSERT_FALSE(gl_digest_verify("abc", 3, "md5", "900150983cd24fb0d6963f7d28e17f7g", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "'g' is not a hex digit"));
    CU_ASSERT_PTR_NULL(gl_digest_new("crc32", &err));
    CU_ASSERT_STRING_EQUAL(err.message, "unsupported hash algorithm 'crc32'");
}

static void test_parse(void)
{
    gl_error err;
    gl_error_clear(&err);
    const char *algo;
    char *hex;
    const char *spec = "SHA256=BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
    CU_ASSERT_TRUE_FATAL(gl_digest_parse(spec, strlen(spec), &algo, &hex, &err));
    CU_ASSERT_STRING_EQUAL(algo, "sha256");
    CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    free(hex);
    /* Only len bytes are read. */
    CU_ASSERT_TRUE_FATAL(gl_digest_parse("md5=900150983cd24fb0d6963f7d28e17f72&egg=x", 36, &algo, &hex, &err));
    CU_ASSERT_STRING_EQUAL(algo, "md5");
    free(hex);
    CU_ASSERT_FALSE(gl_digest_parse("sha256", 6, &algo, &hex, &err));
    CU_ASSERT_PTR_NULL(hex);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "expected <algorithm>=<hex>"));
    CU_ASSERT_FALSE(gl_digest_parse("sha3=00", 7, &algo, &hex, &err));
    CU_ASSERT_STRING_EQUAL(err.message, "unsupported hash algorithm 'sha3'");
    CU_ASSERT_FALSE(gl_digest_parse("sha256=", 7, &algo, &hex, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "0 hex digits, expected 64"));
    /* In place: the digest part of the text itself becomes the lower-cased digest. */
    char spec_copy[] = "MD5=900150983CD24FB0D6963F7D28E17F72";
    CU_ASSERT_TRUE_FATAL(gl_digest_parse_to(spec_copy, strlen(spec_copy), &algo, spec_copy + 4, &err));
    CU_ASSERT_STRING_EQUAL(algo, "md5");
    CU_ASSERT_STRING_EQUAL(spec_copy + 4, "900150983cd24fb0d6963f7d28e17f72");
    char bad[] = "md5=900150983CD24FB0D6963F7D28E17F7";
    CU_ASSERT_FALSE(gl_digest_parse_to(bad, strlen(bad), &algo, bad + 4, &err));
    CU_ASSERT_STRING_EQUAL(bad, "md5=900150983CD24FB0D6963F7D28E17F7"); /* untouched */
    CU_ASSERT_PTR_NULL(gl_digest_algo_name("sha", 3));
    CU_ASSERT_STRING_EQUAL(gl_digest_algo_name("Sha512xyz", 6), "sha512");
    CU_ASSERT_EQUAL(gl_digest_hex_len("whirlpool"), 0);
}

/* The digit table against the definition it encodes, over every byte value. */
static void test_hex_digits(void)
{
    for (int b = 0; b < 256; b++) {
        char c = (char)b;
        int want = b >= '0' && b <= '9'   ? b - '0'
                   : b >= 'a' && b <= 'f' ? b - 'a' + 10
                   : b >= 'A' && b <= 'F' ? b - 'A' + 10
                                          : -1;
        CU_ASSERT_EQUAL(gl_hex_digit_value(c), want);
        CU_ASSERT_EQUAL(gl_hex_all_digits(&c, 1), want >= 0);
    }
    CU_ASSERT_TRUE(gl_hex_all_digits("", 0));
    CU_ASSERT_TRUE(gl_hex_all_digits("0123456789abcdefABCDEF0123456789abcdefABCDEF", 44));
    CU_ASSERT_FALSE(gl_hex_all_digits("0123456789abcdefABCDEF0123456789abcdefABCDEg", 44));
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("digest", NULL, NULL);
    CU_add_test(s, "known vectors, every algorithm", test_known_vectors);
    CU_add_test(s, "incremental hashing", test_incremental);
    CU_add_test(s, "verify: case, mismatch, errors", test_verify);
    CU_add_test(s, "algo=hex specs", test_parse);
    CU_add_test(s, "hex digit values, every byte", test_hex_digits);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
