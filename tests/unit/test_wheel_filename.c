/* test_wheel_filename.c — wheel and sdist filename parsing. The real-filename table was
 * produced from the package facts with pip's vendored packaging 21.3 as the oracle
 * (parse_wheel_filename / parse_sdist_filename: normalised name, str(Version), build tag). */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "wheel_filename.h"

typedef struct parse_case {
    const char *filename;
    gl_dist_kind kind;
    const char *name, *normalized, *version_text, *canonical_version, *build;
    const char *python, *abi, *platform; /* tag sets, dotted as written */
} parse_case;

static const parse_case real_files[] = {
    {"MarkupSafe-2.1.5-cp310-cp310-macosx_10_9_universal2.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp310", "cp310", "macosx_10_9_universal2"},
    {"MarkupSafe-2.1.5-cp310-cp310-macosx_10_9_x86_64.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp310", "cp310", "macosx_10_9_x86_64"},
    {"MarkupSafe-2.1.5-cp310-cp310-manylinux_2_17_aarch64.manylinux2014_aarch64.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp310", "cp310", "manylinux_2_17_aarch64.manylinux2014_aarch64"},
    {"MarkupSafe-2.1.5-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp310", "cp310", "manylinux_2_17_x86_64.manylinux2014_x86_64"},
    {"MarkupSafe-2.1.5-cp310-cp310-manylinux_2_5_i686.manylinux1_i686.manylinux_2_17_i686.manylinux2014_i686.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp310", "cp310", "manylinux_2_5_i686.manylinux1_i686.manylinux_2_17_i686.manylinux2014_i686"},
    {"MarkupSafe-2.1.5-cp310-cp310-musllinux_1_1_aarch64.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp310", "cp310", "musllinux_1_1_aarch64"},
    {"MarkupSafe-2.1.5-cp310-cp310-musllinux_1_1_i686.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp310", "cp310", "musllinux_1_1_i686"},
    {"MarkupSafe-2.1.5-cp310-cp310-musllinux_1_1_x86_64.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp310", "cp310", "musllinux_1_1_x86_64"},
    {"MarkupSafe-2.1.5-cp310-cp310-win32.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp310", "cp310", "win32"},
    {"MarkupSafe-2.1.5-cp310-cp310-win_amd64.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp310", "cp310", "win_amd64"},
    {"MarkupSafe-2.1.5-cp311-cp311-macosx_10_9_universal2.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp311", "cp311", "macosx_10_9_universal2"},
    {"MarkupSafe-2.1.5-cp312-cp312-macosx_10_9_universal2.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp312", "cp312", "macosx_10_9_universal2"},
    {"MarkupSafe-2.1.5-cp39-cp39-macosx_10_9_universal2.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "cp39", "cp39", "macosx_10_9_universal2"},
    {"MarkupSafe-3.0.2-cp310-cp310-macosx_11_0_arm64.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "3.0.2", "3.0.2", NULL, "cp310", "cp310", "macosx_11_0_arm64"},
    {"MarkupSafe-3.0.2-cp310-cp310-musllinux_1_2_aarch64.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "3.0.2", "3.0.2", NULL, "cp310", "cp310", "musllinux_1_2_aarch64"},
    {"MarkupSafe-3.0.2-cp310-cp310-musllinux_1_2_i686.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "3.0.2", "3.0.2", NULL, "cp310", "cp310", "musllinux_1_2_i686"},
    {"MarkupSafe-3.0.2-cp310-cp310-musllinux_1_2_x86_64.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "3.0.2", "3.0.2", NULL, "cp310", "cp310", "musllinux_1_2_x86_64"},
    {"MarkupSafe-3.0.2-cp312-cp312-macosx_10_13_universal2.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "3.0.2", "3.0.2", NULL, "cp312", "cp312", "macosx_10_13_universal2"},
    {"MarkupSafe-3.0.2-cp313-cp313-macosx_10_13_universal2.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "3.0.2", "3.0.2", NULL, "cp313", "cp313", "macosx_10_13_universal2"},
    {"MarkupSafe-3.0.2-cp313-cp313t-macosx_10_13_universal2.whl", GL_DIST_WHEEL, "MarkupSafe", "markupsafe", "3.0.2", "3.0.2", NULL, "cp313", "cp313t", "macosx_10_13_universal2"},
    {"PyYAML-6.0.2-cp310-cp310-manylinux_2_17_s390x.manylinux2014_s390x.whl", GL_DIST_WHEEL, "PyYAML", "pyyaml", "6.0.2", "6.0.2", NULL, "cp310", "cp310", "manylinux_2_17_s390x.manylinux2014_s390x"},
    {"PyYAML-6.0.2-cp313-cp313-macosx_10_13_x86_64.whl", GL_DIST_WHEEL, "PyYAML", "pyyaml", "6.0.2", "6.0.2", NULL, "cp313", "cp313", "macosx_10_13_x86_64"},
    {"accelerate-0.27.0-py3-none-any.whl", GL_DIST_WHEEL, "accelerate", "accelerate", "0.27.0", "0.27.0", NULL, "py3", "none", "any"},
    {"aiohttp-3.10.5-cp310-cp310-manylinux_2_17_ppc64le.manylinux2014_ppc64le.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.10.5", "3.10.5", NULL, "cp310", "cp310", "manylinux_2_17_ppc64le.manylinux2014_ppc64le"},
    {"aiohttp-3.10.5-cp310-cp310-musllinux_1_2_ppc64le.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.10.5", "3.10.5", NULL, "cp310", "cp310", "musllinux_1_2_ppc64le"},
    {"aiohttp-3.10.5-cp310-cp310-musllinux_1_2_s390x.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.10.5", "3.10.5", NULL, "cp310", "cp310", "musllinux_1_2_s390x"},
    {"aiohttp-3.11.18-cp310-cp310-musllinux_1_2_armv7l.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.11.18", "3.11.18", NULL, "cp310", "cp310", "musllinux_1_2_armv7l"},
    {"aiohttp-3.12.15-cp310-cp310-manylinux_2_17_armv7l.manylinux2014_armv7l.manylinux_2_31_armv7l.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.12.15", "3.12.15", NULL, "cp310", "cp310", "manylinux_2_17_armv7l.manylinux2014_armv7l.manylinux_2_31_armv7l"},
    {"aiohttp-3.13.2-cp310-cp310-manylinux2014_aarch64.manylinux_2_17_aarch64.manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.13.2", "3.13.2", NULL, "cp310", "cp310", "manylinux2014_aarch64.manylinux_2_17_aarch64.manylinux_2_28_aarch64"},
    {"aiohttp-3.13.2-cp310-cp310-manylinux2014_armv7l.manylinux_2_17_armv7l.manylinux_2_31_armv7l.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.13.2", "3.13.2", NULL, "cp310", "cp310", "manylinux2014_armv7l.manylinux_2_17_armv7l.manylinux_2_31_armv7l"},
    {"aiohttp-3.13.2-cp310-cp310-manylinux2014_ppc64le.manylinux_2_17_ppc64le.manylinux_2_28_ppc64le.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.13.2", "3.13.2", NULL, "cp310", "cp310", "manylinux2014_ppc64le.manylinux_2_17_ppc64le.manylinux_2_28_ppc64le"},
    {"aiohttp-3.13.2-cp310-cp310-manylinux2014_s390x.manylinux_2_17_s390x.manylinux_2_28_s390x.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.13.2", "3.13.2", NULL, "cp310", "cp310", "manylinux2014_s390x.manylinux_2_17_s390x.manylinux_2_28_s390x"},
    {"aiohttp-3.13.2-cp310-cp310-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.13.2", "3.13.2", NULL, "cp310", "cp310", "manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64"},
    {"aiohttp-3.13.2-cp310-cp310-manylinux_2_31_riscv64.manylinux_2_39_riscv64.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.13.2", "3.13.2", NULL, "cp310", "cp310", "manylinux_2_31_riscv64.manylinux_2_39_riscv64"},
    {"aiohttp-3.13.2-cp310-cp310-musllinux_1_2_riscv64.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.13.2", "3.13.2", NULL, "cp310", "cp310", "musllinux_1_2_riscv64"},
    {"aiohttp-3.13.2-cp314-cp314-macosx_10_13_universal2.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.13.2", "3.13.2", NULL, "cp314", "cp314", "macosx_10_13_universal2"},
    {"aiohttp-3.13.2-cp314-cp314t-macosx_10_13_universal2.whl", GL_DIST_WHEEL, "aiohttp", "aiohttp", "3.13.2", "3.13.2", NULL, "cp314", "cp314t", "macosx_10_13_universal2"},
    {"aiosignal-1.3.2-py2.py3-none-any.whl", GL_DIST_WHEEL, "aiosignal", "aiosignal", "1.3.2", "1.3.2", NULL, "py2.py3", "none", "any"},
    {"bitsandbytes-0.42.0-py3-none-any.whl", GL_DIST_WHEEL, "bitsandbytes", "bitsandbytes", "0.42.0", "0.42.0", NULL, "py3", "none", "any"},
    {"bitsandbytes-0.43.0-py3-none-manylinux_2_24_x86_64.whl", GL_DIST_WHEEL, "bitsandbytes", "bitsandbytes", "0.43.0", "0.43.0", NULL, "py3", "none", "manylinux_2_24_x86_64"},
    {"bitsandbytes-0.44.1-py3-none-win_amd64.whl", GL_DIST_WHEEL, "bitsandbytes", "bitsandbytes", "0.44.1", "0.44.1", NULL, "py3", "none", "win_amd64"},
    {"bitsandbytes-0.45.5-py3-none-win_amd64.whl", GL_DIST_WHEEL, "bitsandbytes", "bitsandbytes", "0.45.5", "0.45.5", NULL, "py3", "none", "win_amd64"},
    {"bitsandbytes-0.46.0-py3-none-manylinux_2_24_aarch64.whl", GL_DIST_WHEEL, "bitsandbytes", "bitsandbytes", "0.46.0", "0.46.0", NULL, "py3", "none", "manylinux_2_24_aarch64"},
    {"bitsandbytes-0.48.1-py3-none-manylinux_2_24_x86_64.whl", GL_DIST_WHEEL, "bitsandbytes", "bitsandbytes", "0.48.1", "0.48.1", NULL, "py3", "none", "manylinux_2_24_x86_64"},
    {"charset_normalizer-3.4.4-cp310-cp310-win_arm64.whl", GL_DIST_WHEEL, "charset_normalizer", "charset-normalizer", "3.4.4", "3.4.4", NULL, "cp310", "cp310", "win_arm64"},
    {"frozenlist-1.4.1-cp310-cp310-manylinux_2_5_x86_64.manylinux1_x86_64.manylinux_2_17_x86_64.manylinux2014_x86_64.whl", GL_DIST_WHEEL, "frozenlist", "frozenlist", "1.4.1", "1.4.1", NULL, "cp310", "cp310", "manylinux_2_5_x86_64.manylinux1_x86_64.manylinux_2_17_x86_64.manylinux2014_x86_64"},
    {"frozenlist-1.4.1-cp310-cp310-musllinux_1_1_ppc64le.whl", GL_DIST_WHEEL, "frozenlist", "frozenlist", "1.4.1", "1.4.1", NULL, "cp310", "cp310", "musllinux_1_1_ppc64le"},
    {"frozenlist-1.4.1-cp310-cp310-musllinux_1_1_s390x.whl", GL_DIST_WHEEL, "frozenlist", "frozenlist", "1.4.1", "1.4.1", NULL, "cp310", "cp310", "musllinux_1_1_s390x"},
    {"frozenlist-1.8.0-cp310-cp310-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl", GL_DIST_WHEEL, "frozenlist", "frozenlist", "1.8.0", "1.8.0", NULL, "cp310", "cp310", "manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64"},
    {"hf_transfer-0.1.9-cp313-cp313t-macosx_10_12_x86_64.whl", GL_DIST_WHEEL, "hf_transfer", "hf-transfer", "0.1.9", "0.1.9", NULL, "cp313", "cp313t", "macosx_10_12_x86_64"},
    {"hf_transfer-0.1.9-cp313-cp313t-manylinux_2_17_armv7l.manylinux2014_armv7l.whl", GL_DIST_WHEEL, "hf_transfer", "hf-transfer", "0.1.9", "0.1.9", NULL, "cp313", "cp313t", "manylinux_2_17_armv7l.manylinux2014_armv7l"},
    {"hf_transfer-0.1.9-cp313-cp313t-manylinux_2_17_i686.manylinux2014_i686.whl", GL_DIST_WHEEL, "hf_transfer", "hf-transfer", "0.1.9", "0.1.9", NULL, "cp313", "cp313t", "manylinux_2_17_i686.manylinux2014_i686"},
    {"hf_transfer-0.1.9-cp38-abi3-macosx_10_12_x86_64.whl", GL_DIST_WHEEL, "hf_transfer", "hf-transfer", "0.1.9", "0.1.9", NULL, "cp38", "abi3", "macosx_10_12_x86_64"},
    {"hf_xet-1.1.10-cp37-abi3-macosx_10_12_x86_64.whl", GL_DIST_WHEEL, "hf_xet", "hf-xet", "1.1.10", "1.1.10", NULL, "cp37", "abi3", "macosx_10_12_x86_64"},
    {"hf_xet-1.1.10-cp37-abi3-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "hf_xet", "hf-xet", "1.1.10", "1.1.10", NULL, "cp37", "abi3", "manylinux_2_28_aarch64"},
    {"msgpack-1.1.0-cp38-cp38-manylinux_2_17_aarch64.manylinux2014_aarch64.whl", GL_DIST_WHEEL, "msgpack", "msgpack", "1.1.0", "1.1.0", NULL, "cp38", "cp38", "manylinux_2_17_aarch64.manylinux2014_aarch64"},
    {"multidict-6.6.4-cp310-cp310-manylinux1_i686.manylinux2014_i686.manylinux_2_17_i686.manylinux_2_5_i686.whl", GL_DIST_WHEEL, "multidict", "multidict", "6.6.4", "6.6.4", NULL, "cp310", "cp310", "manylinux1_i686.manylinux2014_i686.manylinux_2_17_i686.manylinux_2_5_i686"},
    {"multidict-6.7.0-cp310-cp310-manylinux1_i686.manylinux_2_28_i686.manylinux_2_5_i686.whl", GL_DIST_WHEEL, "multidict", "multidict", "6.7.0", "6.7.0", NULL, "cp310", "cp310", "manylinux1_i686.manylinux_2_28_i686.manylinux_2_5_i686"},
    {"multiprocess-0.70.16-pp310-pypy310_pp73-macosx_10_13_x86_64.whl", GL_DIST_WHEEL, "multiprocess", "multiprocess", "0.70.16", "0.70.16", NULL, "pp310", "pypy310_pp73", "macosx_10_13_x86_64"},
    {"multiprocess-0.70.16-pp310-pypy310_pp73-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "multiprocess", "multiprocess", "0.70.16", "0.70.16", NULL, "pp310", "pypy310_pp73", "manylinux_2_28_x86_64"},
    {"multiprocess-0.70.16-pp39-pypy39_pp73-macosx_10_13_x86_64.whl", GL_DIST_WHEEL, "multiprocess", "multiprocess", "0.70.16", "0.70.16", NULL, "pp39", "pypy39_pp73", "macosx_10_13_x86_64"},
    {"multiprocess-0.70.16-py310-none-any.whl", GL_DIST_WHEEL, "multiprocess", "multiprocess", "0.70.16", "0.70.16", NULL, "py310", "none", "any"},
    {"multiprocess-0.70.16-py311-none-any.whl", GL_DIST_WHEEL, "multiprocess", "multiprocess", "0.70.16", "0.70.16", NULL, "py311", "none", "any"},
    {"multiprocess-0.70.16-py312-none-any.whl", GL_DIST_WHEEL, "multiprocess", "multiprocess", "0.70.16", "0.70.16", NULL, "py312", "none", "any"},
    {"multiprocess-0.70.16-py38-none-any.whl", GL_DIST_WHEEL, "multiprocess", "multiprocess", "0.70.16", "0.70.16", NULL, "py38", "none", "any"},
    {"multiprocess-0.70.16-py39-none-any.whl", GL_DIST_WHEEL, "multiprocess", "multiprocess", "0.70.16", "0.70.16", NULL, "py39", "none", "any"},
    {"multiprocess-0.70.18-pp310-pypy310_pp73-macosx_10_15_x86_64.whl", GL_DIST_WHEEL, "multiprocess", "multiprocess", "0.70.18", "0.70.18", NULL, "pp310", "pypy310_pp73", "macosx_10_15_x86_64"},
    {"multiprocess-0.70.18-pp311-pypy311_pp73-macosx_10_15_x86_64.whl", GL_DIST_WHEEL, "multiprocess", "multiprocess", "0.70.18", "0.70.18", NULL, "pp311", "pypy311_pp73", "macosx_10_15_x86_64"},
    {"multiprocess-0.70.18-py313-none-any.whl", GL_DIST_WHEEL, "multiprocess", "multiprocess", "0.70.18", "0.70.18", NULL, "py313", "none", "any"},
    {"ninja-1.11.1.1-py2.py3-none-macosx_10_9_universal2.macosx_10_9_x86_64.macosx_11_0_arm64.macosx_11_0_universal2.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.11.1.1", "1.11.1.1", NULL, "py2.py3", "none", "macosx_10_9_universal2.macosx_10_9_x86_64.macosx_11_0_arm64.macosx_11_0_universal2"},
    {"ninja-1.11.1.1-py2.py3-none-manylinux1_i686.manylinux_2_5_i686.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.11.1.1", "1.11.1.1", NULL, "py2.py3", "none", "manylinux1_i686.manylinux_2_5_i686"},
    {"ninja-1.11.1.1-py2.py3-none-manylinux1_x86_64.manylinux_2_5_x86_64.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.11.1.1", "1.11.1.1", NULL, "py2.py3", "none", "manylinux1_x86_64.manylinux_2_5_x86_64"},
    {"ninja-1.11.1.1-py2.py3-none-manylinux2014_aarch64.manylinux_2_17_aarch64.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.11.1.1", "1.11.1.1", NULL, "py2.py3", "none", "manylinux2014_aarch64.manylinux_2_17_aarch64"},
    {"ninja-1.11.1.1-py2.py3-none-manylinux2014_ppc64le.manylinux_2_17_ppc64le.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.11.1.1", "1.11.1.1", NULL, "py2.py3", "none", "manylinux2014_ppc64le.manylinux_2_17_ppc64le"},
    {"ninja-1.11.1.1-py2.py3-none-manylinux2014_s390x.manylinux_2_17_s390x.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.11.1.1", "1.11.1.1", NULL, "py2.py3", "none", "manylinux2014_s390x.manylinux_2_17_s390x"},
    {"ninja-1.11.1.2-py3-none-manylinux_2_12_i686.manylinux2010_i686.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.11.1.2", "1.11.1.2", NULL, "py3", "none", "manylinux_2_12_i686.manylinux2010_i686"},
    {"ninja-1.11.1.2-py3-none-manylinux_2_12_x86_64.manylinux2010_x86_64.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.11.1.2", "1.11.1.2", NULL, "py3", "none", "manylinux_2_12_x86_64.manylinux2010_x86_64"},
    {"ninja-1.11.1.2-py3-none-manylinux_2_28_armv7l.manylinux_2_31_armv7l.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.11.1.2", "1.11.1.2", NULL, "py3", "none", "manylinux_2_28_armv7l.manylinux_2_31_armv7l"},
    {"ninja-1.13.0-py3-none-manylinux2014_i686.manylinux_2_17_i686.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.13.0", "1.13.0", NULL, "py3", "none", "manylinux2014_i686.manylinux_2_17_i686"},
    {"ninja-1.13.0-py3-none-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.13.0", "1.13.0", NULL, "py3", "none", "manylinux2014_x86_64.manylinux_2_17_x86_64"},
    {"ninja-1.13.0-py3-none-manylinux_2_31_riscv64.whl", GL_DIST_WHEEL, "ninja", "ninja", "1.13.0", "1.13.0", NULL, "py3", "none", "manylinux_2_31_riscv64"},
    {"numpy-2.0.2-cp310-cp310-macosx_14_0_arm64.whl", GL_DIST_WHEEL, "numpy", "numpy", "2.0.2", "2.0.2", NULL, "cp310", "cp310", "macosx_14_0_arm64"},
    {"numpy-2.0.2-cp310-cp310-macosx_14_0_x86_64.whl", GL_DIST_WHEEL, "numpy", "numpy", "2.0.2", "2.0.2", NULL, "cp310", "cp310", "macosx_14_0_x86_64"},
    {"numpy-2.3.5-cp311-cp311-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "numpy", "numpy", "2.3.5", "2.3.5", NULL, "cp311", "cp311", "manylinux_2_27_aarch64.manylinux_2_28_aarch64"},
    {"numpy-2.3.5-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "numpy", "numpy", "2.3.5", "2.3.5", NULL, "cp311", "cp311", "manylinux_2_27_x86_64.manylinux_2_28_x86_64"},
    {"nvidia_cublas-13.0.0.19-py3-none-manylinux_2_27_aarch64.whl", GL_DIST_WHEEL, "nvidia_cublas", "nvidia-cublas", "13.0.0.19", "13.0.0.19", NULL, "py3", "none", "manylinux_2_27_aarch64"},
    {"nvidia_cublas-13.0.0.19-py3-none-manylinux_2_27_x86_64.whl", GL_DIST_WHEEL, "nvidia_cublas", "nvidia-cublas", "13.0.0.19", "13.0.0.19", NULL, "py3", "none", "manylinux_2_27_x86_64"},
    {"nvidia_cublas_cu11-11.11.3.6-py3-none-manylinux1_x86_64.whl", GL_DIST_WHEEL, "nvidia_cublas_cu11", "nvidia-cublas-cu11", "11.11.3.6", "11.11.3.6", NULL, "py3", "none", "manylinux1_x86_64"},
    {"nvidia_cublas_cu12-12.4.5.8-py3-none-manylinux2014_aarch64.whl", GL_DIST_WHEEL, "nvidia_cublas_cu12", "nvidia-cublas-cu12", "12.4.5.8", "12.4.5.8", NULL, "py3", "none", "manylinux2014_aarch64"},
    {"nvidia_cublas_cu12-12.4.5.8-py3-none-manylinux2014_x86_64.whl", GL_DIST_WHEEL, "nvidia_cublas_cu12", "nvidia-cublas-cu12", "12.4.5.8", "12.4.5.8", NULL, "py3", "none", "manylinux2014_x86_64"},
    {"nvidia_cublas_cu12-12.6.4.1-py3-none-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", GL_DIST_WHEEL, "nvidia_cublas_cu12", "nvidia-cublas-cu12", "12.6.4.1", "12.6.4.1", NULL, "py3", "none", "manylinux2014_x86_64.manylinux_2_17_x86_64"},
    {"nvidia_cuda_cupti-13.0.48-py3-none-manylinux_2_25_aarch64.whl", GL_DIST_WHEEL, "nvidia_cuda_cupti", "nvidia-cuda-cupti", "13.0.48", "13.0.48", NULL, "py3", "none", "manylinux_2_25_aarch64"},
    {"nvidia_cuda_cupti-13.0.48-py3-none-manylinux_2_25_x86_64.whl", GL_DIST_WHEEL, "nvidia_cuda_cupti", "nvidia-cuda-cupti", "13.0.48", "13.0.48", NULL, "py3", "none", "manylinux_2_25_x86_64"},
    {"nvidia_cuda_cupti_cu12-12.6.80-py3-none-manylinux2014_x86_64.whl", GL_DIST_WHEEL, "nvidia_cuda_cupti_cu12", "nvidia-cuda-cupti-cu12", "12.6.80", "12.6.80", NULL, "py3", "none", "manylinux2014_x86_64"},
    {"nvidia_cuda_nvrtc-13.0.48-py3-none-manylinux2010_x86_64.manylinux_2_12_x86_64.whl", GL_DIST_WHEEL, "nvidia_cuda_nvrtc", "nvidia-cuda-nvrtc", "13.0.48", "13.0.48", NULL, "py3", "none", "manylinux2010_x86_64.manylinux_2_12_x86_64"},
    {"nvidia_cuda_nvrtc-13.0.48-py3-none-manylinux2014_aarch64.manylinux_2_17_aarch64.whl", GL_DIST_WHEEL, "nvidia_cuda_nvrtc", "nvidia-cuda-nvrtc", "13.0.48", "13.0.48", NULL, "py3", "none", "manylinux2014_aarch64.manylinux_2_17_aarch64"},
    {"nvidia_cuda_nvrtc_cu12-12.8.61-py3-none-manylinux2014_aarch64.manylinux_2_17_aarch64.whl", GL_DIST_WHEEL, "nvidia_cuda_nvrtc_cu12", "nvidia-cuda-nvrtc-cu12", "12.8.61", "12.8.61", NULL, "py3", "none", "manylinux2014_aarch64.manylinux_2_17_aarch64"},
    {"nvidia_cuda_runtime_cu12-12.1.105-py3-none-manylinux1_x86_64.whl", GL_DIST_WHEEL, "nvidia_cuda_runtime_cu12", "nvidia-cuda-runtime-cu12", "12.1.105", "12.1.105", NULL, "py3", "none", "manylinux1_x86_64"},
    {"nvidia_cuda_runtime_cu12-12.8.57-py3-none-win_amd64.whl", GL_DIST_WHEEL, "nvidia_cuda_runtime_cu12", "nvidia-cuda-runtime-cu12", "12.8.57", "12.8.57", NULL, "py3", "none", "win_amd64"},
    {"nvidia_cudnn_cu12-9.10.2.21-py3-none-win_amd64.whl", GL_DIST_WHEEL, "nvidia_cudnn_cu12", "nvidia-cudnn-cu12", "9.10.2.21", "9.10.2.21", NULL, "py3", "none", "win_amd64"},
    {"nvidia_cufft-12.0.0.15-py3-none-win_amd64.whl", GL_DIST_WHEEL, "nvidia_cufft", "nvidia-cufft", "12.0.0.15", "12.0.0.15", NULL, "py3", "none", "win_amd64"},
    {"nvidia_cufft_cu12-11.3.3.41-py3-none-manylinux2014_aarch64.manylinux_2_17_aarch64.whl", GL_DIST_WHEEL, "nvidia_cufft_cu12", "nvidia-cufft-cu12", "11.3.3.41", "11.3.3.41", NULL, "py3", "none", "manylinux2014_aarch64.manylinux_2_17_aarch64"},
    {"nvidia_cufile_cu12-1.11.1.6-py3-none-manylinux_2_27_aarch64.whl", GL_DIST_WHEEL, "nvidia_cufile_cu12", "nvidia-cufile-cu12", "1.11.1.6", "1.11.1.6", NULL, "py3", "none", "manylinux_2_27_aarch64"},
    {"nvidia_curand_cu12-10.3.10.19-py3-none-manylinux_2_27_x86_64.whl", GL_DIST_WHEEL, "nvidia_curand_cu12", "nvidia-curand-cu12", "10.3.10.19", "10.3.10.19", NULL, "py3", "none", "manylinux_2_27_x86_64"},
    {"nvidia_curand_cu12-10.3.9.55-py3-none-manylinux_2_27_aarch64.whl", GL_DIST_WHEEL, "nvidia_curand_cu12", "nvidia-curand-cu12", "10.3.9.55", "10.3.9.55", NULL, "py3", "none", "manylinux_2_27_aarch64"},
    {"nvidia_cusolver_cu12-11.6.1.9-py3-none-manylinux2014_aarch64.whl", GL_DIST_WHEEL, "nvidia_cusolver_cu12", "nvidia-cusolver-cu12", "11.6.1.9", "11.6.1.9", NULL, "py3", "none", "manylinux2014_aarch64"},
    {"nvidia_cusolver_cu12-11.7.3.90-py3-none-manylinux_2_27_x86_64.whl", GL_DIST_WHEEL, "nvidia_cusolver_cu12", "nvidia-cusolver-cu12", "11.7.3.90", "11.7.3.90", NULL, "py3", "none", "manylinux_2_27_x86_64"},
    {"nvidia_cusparse_cu12-12.3.1.170-py3-none-manylinux2014_x86_64.whl", GL_DIST_WHEEL, "nvidia_cusparse_cu12", "nvidia-cusparse-cu12", "12.3.1.170", "12.3.1.170", NULL, "py3", "none", "manylinux2014_x86_64"},
    {"nvidia_cusparse_cu12-12.5.7.53-py3-none-win_amd64.whl", GL_DIST_WHEEL, "nvidia_cusparse_cu12", "nvidia-cusparse-cu12", "12.5.7.53", "12.5.7.53", NULL, "py3", "none", "win_amd64"},
    {"nvidia_cusparselt_cu12-0.7.1-py3-none-win_amd64.whl", GL_DIST_WHEEL, "nvidia_cusparselt_cu12", "nvidia-cusparselt-cu12", "0.7.1", "0.7.1", NULL, "py3", "none", "win_amd64"},
    {"nvidia_nccl_cu12-2.26.2-py3-none-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", GL_DIST_WHEEL, "nvidia_nccl_cu12", "nvidia-nccl-cu12", "2.26.2", "2.26.2", NULL, "py3", "none", "manylinux2014_x86_64.manylinux_2_17_x86_64"},
    {"nvidia_nvjitlink_cu12-12.4.127-py3-none-win_amd64.whl", GL_DIST_WHEEL, "nvidia_nvjitlink_cu12", "nvidia-nvjitlink-cu12", "12.4.127", "12.4.127", NULL, "py3", "none", "win_amd64"},
    {"nvidia_nvjitlink_cu12-12.9.86-py3-none-win_amd64.whl", GL_DIST_WHEEL, "nvidia_nvjitlink_cu12", "nvidia-nvjitlink-cu12", "12.9.86", "12.9.86", NULL, "py3", "none", "win_amd64"},
    {"nvidia_nvtx_cu12-12.4.127-py3-none-manylinux2014_x86_64.whl", GL_DIST_WHEEL, "nvidia_nvtx_cu12", "nvidia-nvtx-cu12", "12.4.127", "12.4.127", NULL, "py3", "none", "manylinux2014_x86_64"},
    {"nvidia_nvtx_cu12-12.8.90-py3-none-win_amd64.whl", GL_DIST_WHEEL, "nvidia_nvtx_cu12", "nvidia-nvtx-cu12", "12.8.90", "12.8.90", NULL, "py3", "none", "win_amd64"},
    {"pandas-2.3.3-cp310-cp310-manylinux_2_24_aarch64.manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "pandas", "pandas", "2.3.3", "2.3.3", NULL, "cp310", "cp310", "manylinux_2_24_aarch64.manylinux_2_28_aarch64"},
    {"pandas-2.3.3-cp310-cp310-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "pandas", "pandas", "2.3.3", "2.3.3", NULL, "cp310", "cp310", "manylinux_2_24_x86_64.manylinux_2_28_x86_64"},
    {"pillow-10.4.0-cp310-cp310-macosx_10_10_x86_64.whl", GL_DIST_WHEEL, "pillow", "pillow", "10.4.0", "10.4.0", NULL, "cp310", "cp310", "macosx_10_10_x86_64"},
    {"pillow-11.3.0-cp313-cp313-ios_13_0_arm64_iphoneos.whl", GL_DIST_WHEEL, "pillow", "pillow", "11.3.0", "11.3.0", NULL, "cp313", "cp313", "ios_13_0_arm64_iphoneos"},
    {"pillow-11.3.0-cp313-cp313-ios_13_0_arm64_iphonesimulator.whl", GL_DIST_WHEEL, "pillow", "pillow", "11.3.0", "11.3.0", NULL, "cp313", "cp313", "ios_13_0_arm64_iphonesimulator"},
    {"pillow-11.3.0-cp313-cp313-ios_13_0_x86_64_iphonesimulator.whl", GL_DIST_WHEEL, "pillow", "pillow", "11.3.0", "11.3.0", NULL, "cp313", "cp313", "ios_13_0_x86_64_iphonesimulator"},
    {"protobuf-3.20.3-cp36-cp36m-manylinux_2_5_x86_64.manylinux1_x86_64.whl", GL_DIST_WHEEL, "protobuf", "protobuf", "3.20.3", "3.20.3", NULL, "cp36", "cp36m", "manylinux_2_5_x86_64.manylinux1_x86_64"},
    {"protobuf-3.20.3-cp37-cp37m-macosx_10_9_x86_64.whl", GL_DIST_WHEEL, "protobuf", "protobuf", "3.20.3", "3.20.3", NULL, "cp37", "cp37m", "macosx_10_9_x86_64"},
    {"psutil-6.0.0-cp27-none-win32.whl", GL_DIST_WHEEL, "psutil", "psutil", "6.0.0", "6.0.0", NULL, "cp27", "none", "win32"},
    {"psutil-6.0.0-cp36-abi3-manylinux_2_12_i686.manylinux2010_i686.manylinux_2_17_i686.manylinux2014_i686.whl", GL_DIST_WHEEL, "psutil", "psutil", "6.0.0", "6.0.0", NULL, "cp36", "abi3", "manylinux_2_12_i686.manylinux2010_i686.manylinux_2_17_i686.manylinux2014_i686"},
    {"psutil-6.0.0-cp36-abi3-manylinux_2_12_x86_64.manylinux2010_x86_64.manylinux_2_17_x86_64.manylinux2014_x86_64.whl", GL_DIST_WHEEL, "psutil", "psutil", "6.0.0", "6.0.0", NULL, "cp36", "abi3", "manylinux_2_12_x86_64.manylinux2010_x86_64.manylinux_2_17_x86_64.manylinux2014_x86_64"},
    {"psutil-7.1.3-cp313-cp313t-manylinux2010_x86_64.manylinux_2_12_x86_64.manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "psutil", "psutil", "7.1.3", "7.1.3", NULL, "cp313", "cp313t", "manylinux2010_x86_64.manylinux_2_12_x86_64.manylinux_2_28_x86_64"},
    {"pyarrow-19.0.0-cp310-cp310-macosx_12_0_arm64.whl", GL_DIST_WHEEL, "pyarrow", "pyarrow", "19.0.0", "19.0.0", NULL, "cp310", "cp310", "macosx_12_0_arm64"},
    {"pyarrow-19.0.0-cp310-cp310-macosx_12_0_x86_64.whl", GL_DIST_WHEEL, "pyarrow", "pyarrow", "19.0.0", "19.0.0", NULL, "cp310", "cp310", "macosx_12_0_x86_64"},
    {"pydantic_core-2.23.4-cp310-cp310-manylinux_2_5_i686.manylinux1_i686.whl", GL_DIST_WHEEL, "pydantic_core", "pydantic-core", "2.23.4", "2.23.4", NULL, "cp310", "cp310", "manylinux_2_5_i686.manylinux1_i686"},
    {"pydantic_core-2.27.2-cp310-cp310-musllinux_1_1_armv7l.whl", GL_DIST_WHEEL, "pydantic_core", "pydantic-core", "2.27.2", "2.27.2", NULL, "cp310", "cp310", "musllinux_1_1_armv7l"},
    {"pydantic_core-2.41.5-graalpy311-graalpy242_311_native-macosx_10_12_x86_64.whl", GL_DIST_WHEEL, "pydantic_core", "pydantic-core", "2.41.5", "2.41.5", NULL, "graalpy311", "graalpy242_311_native", "macosx_10_12_x86_64"},
    {"pydantic_core-2.41.5-graalpy312-graalpy250_312_native-macosx_10_12_x86_64.whl", GL_DIST_WHEEL, "pydantic_core", "pydantic-core", "2.41.5", "2.41.5", NULL, "graalpy312", "graalpy250_312_native", "macosx_10_12_x86_64"},
    {"regex-2024.11.6-cp310-cp310-manylinux_2_5_x86_64.manylinux1_x86_64.manylinux_2_12_x86_64.manylinux2010_x86_64.whl", GL_DIST_WHEEL, "regex", "regex", "2024.11.6", "2024.11.6", NULL, "cp310", "cp310", "manylinux_2_5_x86_64.manylinux1_x86_64.manylinux_2_12_x86_64.manylinux2010_x86_64"},
    {"safetensors-0.4.2-pp37-pypy37_pp73-macosx_10_12_x86_64.whl", GL_DIST_WHEEL, "safetensors", "safetensors", "0.4.2", "0.4.2", NULL, "pp37", "pypy37_pp73", "macosx_10_12_x86_64"},
    {"safetensors-0.4.2-pp38-pypy38_pp73-macosx_10_12_x86_64.whl", GL_DIST_WHEEL, "safetensors", "safetensors", "0.4.2", "0.4.2", NULL, "pp38", "pypy38_pp73", "macosx_10_12_x86_64"},
    {"scipy-1.16.3-cp311-cp311-macosx_10_14_x86_64.whl", GL_DIST_WHEEL, "scipy", "scipy", "1.16.3", "1.16.3", NULL, "cp311", "cp311", "macosx_10_14_x86_64"},
    {"torch-2.4.0+cpu-cp310-cp310-linux_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.4.0+cpu", "2.4.0+cpu", NULL, "cp310", "cp310", "linux_x86_64"},
    {"torch-2.4.0+cu121-cp311-cp311-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.4.0+cu121", "2.4.0+cu121", NULL, "cp311", "cp311", "win_amd64"},
    {"torch-2.4.0-cp312-cp312-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.4.0", "2.4.0", NULL, "cp312", "cp312", "win_amd64"},
    {"torch-2.4.1+cpu-cp38-cp38-linux_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.4.1+cpu", "2.4.1+cpu", NULL, "cp38", "cp38", "linux_x86_64"},
    {"torch-2.4.1+cu121-cp39-cp39-linux_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.4.1+cu121", "2.4.1+cu121", NULL, "cp39", "cp39", "linux_x86_64"},
    {"torch-2.4.1-cp311-cp311-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.4.1", "2.4.1", NULL, "cp311", "cp311", "win_amd64"},
    {"torch-2.5.0+cu121-cp312-cp312-linux_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.5.0+cu121", "2.5.0+cu121", NULL, "cp312", "cp312", "linux_x86_64"},
    {"torch-2.5.0-cp312-cp312-manylinux_2_17_aarch64.manylinux2014_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.5.0", "2.5.0", NULL, "cp312", "cp312", "manylinux_2_17_aarch64.manylinux2014_aarch64"},
    {"torch-2.5.1+cpu-cp39-cp39-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.5.1+cpu", "2.5.1+cpu", NULL, "cp39", "cp39", "win_amd64"},
    {"torch-2.5.1+cu124-cp310-cp310-linux_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.5.1+cu124", "2.5.1+cu124", NULL, "cp310", "cp310", "linux_x86_64"},
    {"torch-2.5.1-cp310-cp310-linux_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.5.1", "2.5.1", NULL, "cp310", "cp310", "linux_aarch64"},
    {"torch-2.5.1-cp310-cp310-manylinux_2_17_aarch64.manylinux2014_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.5.1", "2.5.1", NULL, "cp310", "cp310", "manylinux_2_17_aarch64.manylinux2014_aarch64"},
    {"torch-2.5.1-cp312-cp312-manylinux_2_17_aarch64.manylinux2014_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.5.1", "2.5.1", NULL, "cp312", "cp312", "manylinux_2_17_aarch64.manylinux2014_aarch64"},
    {"torch-2.6.0+cpu-cp310-cp310-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.6.0+cpu", "2.6.0+cpu", NULL, "cp310", "cp310", "win_amd64"},
    {"torch-2.6.0+cpu-cp39-cp39-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.6.0+cpu", "2.6.0+cpu", NULL, "cp39", "cp39", "manylinux_2_28_aarch64"},
    {"torch-2.6.0+cu126-cp310-cp310-linux_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.6.0+cu126", "2.6.0+cu126", NULL, "cp310", "cp310", "linux_aarch64"},
    {"torch-2.6.0+cu126-cp313-cp313t-linux_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.6.0+cu126", "2.6.0+cu126", NULL, "cp313", "cp313t", "linux_aarch64"},
    {"torch-2.6.0-cp311-cp311-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.6.0", "2.6.0", NULL, "cp311", "cp311", "manylinux_2_28_aarch64"},
    {"torch-2.6.0-cp39-cp39-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.6.0", "2.6.0", NULL, "cp39", "cp39", "manylinux_2_28_aarch64"},
    {"torch-2.7.0+cpu-cp312-cp312-win_arm64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.0+cpu", "2.7.0+cpu", NULL, "cp312", "cp312", "win_arm64"},
    {"torch-2.7.0+cu126-cp313-cp313-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.0+cu126", "2.7.0+cu126", NULL, "cp313", "cp313", "manylinux_2_28_x86_64"},
    {"torch-2.7.0+cu128-cp312-cp312-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.0+cu128", "2.7.0+cu128", NULL, "cp312", "cp312", "win_amd64"},
    {"torch-2.7.0+xpu-cp312-cp312-linux_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.0+xpu", "2.7.0+xpu", NULL, "cp312", "cp312", "linux_x86_64"},
    {"torch-2.7.0-cp311-cp311-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.0", "2.7.0", NULL, "cp311", "cp311", "win_amd64"},
    {"torch-2.7.0-cp313-cp313t-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.0", "2.7.0", NULL, "cp313", "cp313t", "win_amd64"},
    {"torch-2.7.1+cpu-cp312-cp312-win_arm64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.1+cpu", "2.7.1+cpu", NULL, "cp312", "cp312", "win_arm64"},
    {"torch-2.7.1+cu118-cp313-cp313-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.1+cu118", "2.7.1+cu118", NULL, "cp313", "cp313", "manylinux_2_28_x86_64"},
    {"torch-2.7.1+cu128-cp310-cp310-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.1+cu128", "2.7.1+cu128", NULL, "cp310", "cp310", "manylinux_2_28_x86_64"},
    {"torch-2.7.1+cu128-cp313-cp313t-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.1+cu128", "2.7.1+cu128", NULL, "cp313", "cp313t", "manylinux_2_28_x86_64"},
    {"torch-2.7.1-cp311-cp311-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.1", "2.7.1", NULL, "cp311", "cp311", "manylinux_2_28_aarch64"},
    {"torch-2.7.1-cp313-cp313t-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.7.1", "2.7.1", NULL, "cp313", "cp313t", "manylinux_2_28_aarch64"},
    {"torch-2.8.0+cpu-cp310-cp310-linux_s390x.whl", GL_DIST_WHEEL, "torch", "torch", "2.8.0+cpu", "2.8.0+cpu", NULL, "cp310", "cp310", "linux_s390x"},
    {"torch-2.8.0+cpu-cp311-cp311-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.8.0+cpu", "2.8.0+cpu", NULL, "cp311", "cp311", "win_amd64"},
    {"torch-2.8.0+cpu-cp313-cp313t-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.8.0+cpu", "2.8.0+cpu", NULL, "cp313", "cp313t", "manylinux_2_28_aarch64"},
    {"torch-2.8.0+cu126-cp313-cp313t-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.8.0+cu126", "2.8.0+cu126", NULL, "cp313", "cp313t", "manylinux_2_28_x86_64"},
    {"torch-2.8.0+cu128-cp39-cp39-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.8.0+cu128", "2.8.0+cu128", NULL, "cp39", "cp39", "manylinux_2_28_x86_64"},
    {"torch-2.8.0+cu129-cp313-cp313-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.8.0+cu129", "2.8.0+cu129", NULL, "cp313", "cp313", "win_amd64"},
    {"torch-2.8.0+xpu-cp311-cp311-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.8.0+xpu", "2.8.0+xpu", NULL, "cp311", "cp311", "win_amd64"},
    {"torch-2.8.0-cp311-cp311-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.8.0", "2.8.0", NULL, "cp311", "cp311", "manylinux_2_28_x86_64"},
    {"torch-2.8.0-cp313-cp313t-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.8.0", "2.8.0", NULL, "cp313", "cp313t", "manylinux_2_28_x86_64"},
    {"torch-2.9.0+cpu-cp312-cp312-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0+cpu", "2.9.0+cpu", NULL, "cp312", "cp312", "manylinux_2_28_x86_64"},
    {"torch-2.9.0+cpu-cp314-cp314-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0+cpu", "2.9.0+cpu", NULL, "cp314", "cp314", "win_amd64"},
    {"torch-2.9.0+cu126-cp312-cp312-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0+cu126", "2.9.0+cu126", NULL, "cp312", "cp312", "win_amd64"},
    {"torch-2.9.0+cu126-cp314-cp314t-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0+cu126", "2.9.0+cu126", NULL, "cp314", "cp314t", "win_amd64"},
    {"torch-2.9.0+cu128-cp313-cp313-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0+cu128", "2.9.0+cu128", NULL, "cp313", "cp313", "win_amd64"},
    {"torch-2.9.0+cu129-cp311-cp311-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0+cu129", "2.9.0+cu129", NULL, "cp311", "cp311", "manylinux_2_28_aarch64"},
    {"torch-2.9.0+cu129-cp314-cp314-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0+cu129", "2.9.0+cu129", NULL, "cp314", "cp314", "manylinux_2_28_x86_64"},
    {"torch-2.9.0+cu130-cp313-cp313t-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0+cu130", "2.9.0+cu130", NULL, "cp313", "cp313t", "manylinux_2_28_x86_64"},
    {"torch-2.9.0+rocm6.3-cp313-cp313t-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0+rocm6.3", "2.9.0+rocm6.3", NULL, "cp313", "cp313t", "manylinux_2_28_x86_64"},
    {"torch-2.9.0-cp310-cp310-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0", "2.9.0", NULL, "cp310", "cp310", "manylinux_2_28_x86_64"},
    {"torch-2.9.0-cp313-cp313-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0", "2.9.0", NULL, "cp313", "cp313", "manylinux_2_28_x86_64"},
    {"torch-2.9.0-cp314-cp314t-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.0", "2.9.0", NULL, "cp314", "cp314t", "manylinux_2_28_aarch64"},
    {"torch-2.9.1+cpu-cp313-cp313-win_amd64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.1+cpu", "2.9.1+cpu", NULL, "cp313", "cp313", "win_amd64"},
    {"torch-2.9.1+cu126-cp313-cp313t-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.1+cu126", "2.9.1+cu126", NULL, "cp313", "cp313t", "manylinux_2_28_x86_64"},
    {"torch-2.9.1+cu128-cp314-cp314-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.1+cu128", "2.9.1+cu128", NULL, "cp314", "cp314", "manylinux_2_28_x86_64"},
    {"torch-2.9.1+cu129-cp314-cp314-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.1+cu129", "2.9.1+cu129", NULL, "cp314", "cp314", "manylinux_2_28_x86_64"},
    {"torch-2.9.1-cp310-cp310-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.1", "2.9.1", NULL, "cp310", "cp310", "manylinux_2_28_x86_64"},
    {"torch-2.9.1-cp313-cp313-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.1", "2.9.1", NULL, "cp313", "cp313", "manylinux_2_28_x86_64"},
    {"torch-2.9.1-cp314-cp314t-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torch", "torch", "2.9.1", "2.9.1", NULL, "cp314", "cp314t", "manylinux_2_28_aarch64"},
    {"torchao-0.13.0-1-cp39-abi3-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torchao", "torchao", "0.13.0", "0.13.0", "1", "cp39", "abi3", "manylinux_2_24_x86_64.manylinux_2_28_x86_64"},
    {"torchao-0.9.0-cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torchao", "torchao", "0.9.0", "0.9.0", NULL, "cp39", "abi3", "manylinux_2_17_x86_64.manylinux2014_x86_64.manylinux_2_28_x86_64"},
    {"torchvision-0.19.0-1-cp312-cp312-win_amd64.whl", GL_DIST_WHEEL, "torchvision", "torchvision", "0.19.0", "0.19.0", "1", "cp312", "cp312", "win_amd64"},
    {"torchvision-0.21.0-1-cp310-cp310-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torchvision", "torchvision", "0.21.0", "0.21.0", "1", "cp310", "cp310", "manylinux_2_28_aarch64"},
    {"torchvision-0.21.0-1-cp311-cp311-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torchvision", "torchvision", "0.21.0", "0.21.0", "1", "cp311", "cp311", "manylinux_2_28_aarch64"},
    {"torchvision-0.21.0-1-cp312-cp312-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torchvision", "torchvision", "0.21.0", "0.21.0", "1", "cp312", "cp312", "manylinux_2_28_aarch64"},
    {"torchvision-0.21.0-1-cp313-cp313-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torchvision", "torchvision", "0.21.0", "0.21.0", "1", "cp313", "cp313", "manylinux_2_28_aarch64"},
    {"torchvision-0.21.0-1-cp39-cp39-manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "torchvision", "torchvision", "0.21.0", "0.21.0", "1", "cp39", "cp39", "manylinux_2_28_aarch64"},
    {"triton-3.0.0-1-cp310-cp310-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", GL_DIST_WHEEL, "triton", "triton", "3.0.0", "3.0.0", "1", "cp310", "cp310", "manylinux2014_x86_64.manylinux_2_17_x86_64"},
    {"triton-3.0.0-1-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", GL_DIST_WHEEL, "triton", "triton", "3.0.0", "3.0.0", "1", "cp311", "cp311", "manylinux2014_x86_64.manylinux_2_17_x86_64"},
    {"triton-3.0.0-1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", GL_DIST_WHEEL, "triton", "triton", "3.0.0", "3.0.0", "1", "cp312", "cp312", "manylinux2014_x86_64.manylinux_2_17_x86_64"},
    {"triton-3.2.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", GL_DIST_WHEEL, "triton", "triton", "3.2.0", "3.2.0", NULL, "cp311", "cp311", "manylinux_2_17_x86_64.manylinux2014_x86_64"},
    {"triton-3.3.1-cp310-cp310-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "triton", "triton", "3.3.1", "3.3.1", NULL, "cp310", "cp310", "manylinux_2_27_aarch64.manylinux_2_28_aarch64"},
    {"triton-3.4.0-cp312-cp312-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "triton", "triton", "3.4.0", "3.4.0", NULL, "cp312", "cp312", "manylinux_2_27_aarch64.manylinux_2_28_aarch64"},
    {"triton-3.5.0-cp313-cp313-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "triton", "triton", "3.5.0", "3.5.0", NULL, "cp313", "cp313", "manylinux_2_27_aarch64.manylinux_2_28_aarch64"},
    {"triton-3.5.1-cp312-cp312-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", GL_DIST_WHEEL, "triton", "triton", "3.5.1", "3.5.1", NULL, "cp312", "cp312", "manylinux_2_27_aarch64.manylinux_2_28_aarch64"},
    {"triton_windows-3.2.0.post17-cp312-cp312-win_amd64.whl", GL_DIST_WHEEL, "triton_windows", "triton-windows", "3.2.0.post17", "3.2.0.post17", NULL, "cp312", "cp312", "win_amd64"},
    {"xformers-0.0.23-cp39-cp39-manylinux2014_x86_64.whl", GL_DIST_WHEEL, "xformers", "xformers", "0.0.23", "0.0.23", NULL, "cp39", "cp39", "manylinux2014_x86_64"},
    {"xformers-0.0.24-cp39-cp39-manylinux2014_x86_64.whl", GL_DIST_WHEEL, "xformers", "xformers", "0.0.24", "0.0.24", NULL, "cp39", "cp39", "manylinux2014_x86_64"},
    {"xformers-0.0.26.post1-cp311-cp311-win_amd64.whl", GL_DIST_WHEEL, "xformers", "xformers", "0.0.26.post1", "0.0.26.post1", NULL, "cp311", "cp311", "win_amd64"},
    {"xformers-0.0.27-cp39-cp39-manylinux2014_x86_64.whl", GL_DIST_WHEEL, "xformers", "xformers", "0.0.27", "0.0.27", NULL, "cp39", "cp39", "manylinux2014_x86_64"},
    {"xformers-0.0.27.post2+cu118-cp311-cp311-manylinux2014_x86_64.whl", GL_DIST_WHEEL, "xformers", "xformers", "0.0.27.post2+cu118", "0.0.27.post2+cu118", NULL, "cp311", "cp311", "manylinux2014_x86_64"},
    {"xformers-0.0.28.post1-cp310-cp310-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "xformers", "xformers", "0.0.28.post1", "0.0.28.post1", NULL, "cp310", "cp310", "manylinux_2_28_x86_64"},
    {"xformers-0.0.28.post2-cp312-cp312-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "xformers", "xformers", "0.0.28.post2", "0.0.28.post2", NULL, "cp312", "cp312", "manylinux_2_28_x86_64"},
    {"xformers-0.0.29.post1-cp310-cp310-win_amd64.whl", GL_DIST_WHEEL, "xformers", "xformers", "0.0.29.post1", "0.0.29.post1", NULL, "cp310", "cp310", "win_amd64"},
    {"xformers-0.0.29.post2-cp312-cp312-win_amd64.whl", GL_DIST_WHEEL, "xformers", "xformers", "0.0.29.post2", "0.0.29.post2", NULL, "cp312", "cp312", "win_amd64"},
    {"xformers-0.0.30-cp311-cp311-win_amd64.whl", GL_DIST_WHEEL, "xformers", "xformers", "0.0.30", "0.0.30", NULL, "cp311", "cp311", "win_amd64"},
    {"xformers-0.0.32.post1-cp39-abi3-win_amd64.whl", GL_DIST_WHEEL, "xformers", "xformers", "0.0.32.post1", "0.0.32.post1", NULL, "cp39", "abi3", "win_amd64"},
    {"MarkupSafe-2.1.5.tar.gz", GL_DIST_SDIST, "MarkupSafe", "markupsafe", "2.1.5", "2.1.5", NULL, "", "", ""},
    {"aiohappyeyeballs-2.4.0.tar.gz", GL_DIST_SDIST, "aiohappyeyeballs", "aiohappyeyeballs", "2.4.0", "2.4.0", NULL, "", "", ""},
    {"anyio-4.8.0.tar.gz", GL_DIST_SDIST, "anyio", "anyio", "4.8.0", "4.8.0", NULL, "", "", ""},
    {"charset_normalizer-3.4.4.tar.gz", GL_DIST_SDIST, "charset_normalizer", "charset-normalizer", "3.4.4", "3.4.4", NULL, "", "", ""},
    {"datasets-3.2.0.tar.gz", GL_DIST_SDIST, "datasets", "datasets", "3.2.0", "3.2.0", NULL, "", "", ""},
    {"deepspeed-0.17.2.tar.gz", GL_DIST_SDIST, "deepspeed", "deepspeed", "0.17.2", "0.17.2", NULL, "", "", ""},
    {"exceptiongroup-1.3.0.tar.gz", GL_DIST_SDIST, "exceptiongroup", "exceptiongroup", "1.3.0", "1.3.0", NULL, "", "", ""},
    {"flash_attn-2.7.1.post1.tar.gz", GL_DIST_SDIST, "flash_attn", "flash-attn", "2.7.1.post1", "2.7.1.post1", NULL, "", "", ""},
    {"flash_attn-2.8.3.tar.gz", GL_DIST_SDIST, "flash_attn", "flash-attn", "2.8.3", "2.8.3", NULL, "", "", ""},
    {"h11-0.16.0.tar.gz", GL_DIST_SDIST, "h11", "h11", "0.16.0", "0.16.0", NULL, "", "", ""},
    {"huggingface_hub-0.22.2.tar.gz", GL_DIST_SDIST, "huggingface_hub", "huggingface-hub", "0.22.2", "0.22.2", NULL, "", "", ""},
    {"huggingface_hub-0.28.1.tar.gz", GL_DIST_SDIST, "huggingface_hub", "huggingface-hub", "0.28.1", "0.28.1", NULL, "", "", ""},
    {"huggingface_hub-0.34.1.tar.gz", GL_DIST_SDIST, "huggingface_hub", "huggingface-hub", "0.34.1", "0.34.1", NULL, "", "", ""},
    {"importlib_metadata-8.7.0.tar.gz", GL_DIST_SDIST, "importlib_metadata", "importlib-metadata", "8.7.0", "8.7.0", NULL, "", "", ""},
    {"multidict-6.6.4.tar.gz", GL_DIST_SDIST, "multidict", "multidict", "6.6.4", "6.6.4", NULL, "", "", ""},
    {"numpy-2.2.6.tar.gz", GL_DIST_SDIST, "numpy", "numpy", "2.2.6", "2.2.6", NULL, "", "", ""},
    {"peft-0.15.2.tar.gz", GL_DIST_SDIST, "peft", "peft", "0.15.2", "0.15.2", NULL, "", "", ""},
    {"protobuf-5.29.5.tar.gz", GL_DIST_SDIST, "protobuf", "protobuf", "5.29.5", "5.29.5", NULL, "", "", ""},
    {"pydantic-2.11.7.tar.gz", GL_DIST_SDIST, "pydantic", "pydantic", "2.11.7", "2.11.7", NULL, "", "", ""},
    {"regex-2024.11.6.tar.gz", GL_DIST_SDIST, "regex", "regex", "2024.11.6", "2024.11.6", NULL, "", "", ""},
    {"safetensors-0.4.4.tar.gz", GL_DIST_SDIST, "safetensors", "safetensors", "0.4.4", "0.4.4", NULL, "", "", ""},
    {"setuptools-74.1.2.tar.gz", GL_DIST_SDIST, "setuptools", "setuptools", "74.1.2", "74.1.2", NULL, "", "", ""},
    {"tokenizers-0.20.2.tar.gz", GL_DIST_SDIST, "tokenizers", "tokenizers", "0.20.2", "0.20.2", NULL, "", "", ""},
    {"transformers-4.41.0.tar.gz", GL_DIST_SDIST, "transformers", "transformers", "4.41.0", "4.41.0", NULL, "", "", ""},
    {"transformers-4.45.2.tar.gz", GL_DIST_SDIST, "transformers", "transformers", "4.45.2", "4.45.2", NULL, "", "", ""},
    {"transformers-4.51.0.tar.gz", GL_DIST_SDIST, "transformers", "transformers", "4.51.0", "4.51.0", NULL, "", "", ""},
    {"transformers-4.55.3.tar.gz", GL_DIST_SDIST, "transformers", "transformers", "4.55.3", "4.55.3", NULL, "", "", ""},
    {"typeguard-4.3.0.tar.gz", GL_DIST_SDIST, "typeguard", "typeguard", "4.3.0", "4.3.0", NULL, "", "", ""},
    {"tzdata-2025.1.tar.gz", GL_DIST_SDIST, "tzdata", "tzdata", "2025.1", "2025.1", NULL, "", "", ""},
    {"unsloth-2024.11.5.tar.gz", GL_DIST_SDIST, "unsloth", "unsloth", "2024.11.5", "2024.11.5", NULL, "", "", ""},
    {"unsloth-2024.12.9.tar.gz", GL_DIST_SDIST, "unsloth", "unsloth", "2024.12.9", "2024.12.9", NULL, "", "", ""},
    {"unsloth-2025.10.4.tar.gz", GL_DIST_SDIST, "unsloth", "unsloth", "2025.10.4", "2025.10.4", NULL, "", "", ""},
    {"unsloth-2025.3.1.tar.gz", GL_DIST_SDIST, "unsloth", "unsloth", "2025.3.1", "2025.3.1", NULL, "", "", ""},
    {"unsloth-2025.7.1.tar.gz", GL_DIST_SDIST, "unsloth", "unsloth", "2025.7.1", "2025.7.1", NULL, "", "", ""},
    {"unsloth_zoo-2024.11.0.tar.gz", GL_DIST_SDIST, "unsloth_zoo", "unsloth-zoo", "2024.11.0", "2024.11.0", NULL, "", "", ""},
    {"unsloth_zoo-2025.1.2.tar.gz", GL_DIST_SDIST, "unsloth_zoo", "unsloth-zoo", "2025.1.2", "2025.1.2", NULL, "", "", ""},
    {"unsloth_zoo-2025.11.1.tar.gz", GL_DIST_SDIST, "unsloth_zoo", "unsloth-zoo", "2025.11.1", "2025.11.1", NULL, "", "", ""},
    {"unsloth_zoo-2025.3.5.tar.gz", GL_DIST_SDIST, "unsloth_zoo", "unsloth-zoo", "2025.3.5", "2025.3.5", NULL, "", "", ""},
    {"unsloth_zoo-2025.6.8.tar.gz", GL_DIST_SDIST, "unsloth_zoo", "unsloth-zoo", "2025.6.8", "2025.6.8", NULL, "", "", ""},
    {"unsloth_zoo-2025.9.14.tar.gz", GL_DIST_SDIST, "unsloth_zoo", "unsloth-zoo", "2025.9.14", "2025.9.14", NULL, "", "", ""},
    {"xformers-0.0.32.post1.tar.gz", GL_DIST_SDIST, "xformers", "xformers", "0.0.32.post1", "0.0.32.post1", NULL, "", "", ""},
};

static void join(char *buf, size_t size, char **items, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(buf, ".", size - strlen(buf) - 1);
        strncat(buf, items[i], size - strlen(buf) - 1);
    }
}

static void check_case(const parse_case *c)
{
    gl_dist_filename f;
    gl_error err;
    gl_error_clear(&err);
    bool ok = gl_dist_filename_parse(&f, c->filename, &err);
    if (!ok)
        fprintf(stderr, "\n%s: %s\n", c->filename, err.message);
    CU_ASSERT_FATAL(ok);
    CU_ASSERT_EQUAL(f.kind, c->kind);
    CU_ASSERT_STRING_EQUAL(f.name, c->name);
    CU_ASSERT_STRING_EQUAL(f.normalized_name, c->normalized);
    CU_ASSERT_STRING_EQUAL(f.version_text, c->version_text);
    char *canonical = gl_version_to_string(&f.version);
    CU_ASSERT_PTR_NOT_NULL_FATAL(canonical);
    CU_ASSERT_STRING_EQUAL(canonical, c->canonical_version);
    free(canonical);
    if (c->build) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(f.build_tag);
        CU_ASSERT_STRING_EQUAL(f.build_tag, c->build);
    } else {
        CU_ASSERT_PTR_NULL(f.build_tag);
    }
    char buf[512];
    join(buf, sizeof buf, f.python_tags, f.npython);
    CU_ASSERT_STRING_EQUAL(buf, c->python);
    join(buf, sizeof buf, f.abi_tags, f.nabi);
    CU_ASSERT_STRING_EQUAL(buf, c->abi);
    join(buf, sizeof buf, f.platform_tags, f.nplatform);
    CU_ASSERT_STRING_EQUAL(buf, c->platform);
    gl_dist_filename_free(&f);
}

static void test_real_filenames(void)
{
    for (size_t i = 0; i < sizeof real_files / sizeof real_files[0]; i++)
        check_case(&real_files[i]);
}

/* Spellings the facts do not hold: index links, GitHub release wheels, legacy archives. */
static const parse_case other_files[] = {
    {"torch-2.9.0%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch",
     "2.9.0+cu128", "2.9.0+cu128", NULL, "cp311", "cp311", "manylinux_2_28_x86_64"},
    {"torch-2.9.0%2bcu128-cp311-cp311-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "torch", "torch",
     "2.9.0+cu128", "2.9.0+cu128", NULL, "cp311", "cp311", "manylinux_2_28_x86_64"},
    {"flash_attn-2.8.3+cu12torch2.8cxx11abiTRUE-cp311-cp311-linux_x86_64.whl", GL_DIST_WHEEL,
     "flash_attn", "flash-attn", "2.8.3+cu12torch2.8cxx11abiTRUE", "2.8.3+cu12torch2.8cxx11abitrue",
     NULL, "cp311", "cp311", "linux_x86_64"},
    {"xformers-0.0.32.post2-cp39-abi3-manylinux_2_28_x86_64.whl", GL_DIST_WHEEL, "xformers",
     "xformers", "0.0.32.post2", "0.0.32.post2", NULL, "cp39", "abi3", "manylinux_2_28_x86_64"},
    {"foo-1.0-2b-py2.py3-none-any.whl", GL_DIST_WHEEL, "foo", "foo", "1.0", "1.0", "2b", "py2.py3",
     "none", "any"},
    {"Foo.Bar_baz-1.0-py3-none-any.whl", GL_DIST_WHEEL, "Foo.Bar_baz", "foo-bar-baz", "1.0", "1.0",
     NULL, "py3", "none", "any"},
    {"foo-1!2.0rc1-cp39.cp310-cp39.cp310-macosx_10_9_universal2.whl", GL_DIST_WHEEL, "foo", "foo",
     "1!2.0rc1", "1!2.0rc1", NULL, "cp39.cp310", "cp39.cp310", "macosx_10_9_universal2"},
    {"foo-1.0-py3-none-any%2Emanylinux1_x86_64.whl", GL_DIST_WHEEL, "foo", "foo", "1.0", "1.0",
     NULL, "py3", "none", "any.manylinux1_x86_64"},
    {"bitsandbytes-0.48.2-py3-none-manylinux_2_24_x86_64.whl", GL_DIST_WHEEL, "bitsandbytes",
     "bitsandbytes", "0.48.2", "0.48.2", NULL, "py3", "none", "manylinux_2_24_x86_64"},
    {"foo-bar-1.0.zip", GL_DIST_SDIST, "foo-bar", "foo-bar", "1.0", "1.0", NULL, "", "", ""},
    {"foo-1.0.tar.bz2", GL_DIST_SDIST, "foo", "foo", "1.0", "1.0", NULL, "", "", ""},
    {"foo-1.0.tgz", GL_DIST_SDIST, "foo", "foo", "1.0", "1.0", NULL, "", "", ""},
    {"foo-1.0.tar.xz", GL_DIST_SDIST, "foo", "foo", "1.0", "1.0", NULL, "", "", ""},
    {"Foo_Bar-1.0%2Blocal.tar.gz", GL_DIST_SDIST, "Foo_Bar", "foo-bar", "1.0+local", "1.0+local",
     NULL, "", "", ""},
    /* No hint: the last '-' whose remainder is a version splits. */
    {"foo-1.0-2.tar.gz", GL_DIST_SDIST, "foo-1.0", "foo-1-0", "2", "2", NULL, "", "", ""},
    {"foo-1.0-beta.tar.gz", GL_DIST_SDIST, "foo", "foo", "1.0-beta", "1.0b0", NULL, "", "", ""},
    {"v-8-v8.tar.gz", GL_DIST_SDIST, "v-8", "v-8", "v8", "8", NULL, "", "", ""},
};

static void test_other_spellings(void)
{
    for (size_t i = 0; i < sizeof other_files / sizeof other_files[0]; i++)
        check_case(&other_files[i]);
}

static void test_percent_decoded_local_version(void)
{
    gl_dist_filename f;
    CU_ASSERT_FATAL(gl_dist_filename_parse(&f, "torch-2.9.0%2Bcu128-cp311-cp311-win_amd64.whl", NULL));
    CU_ASSERT_STRING_EQUAL(f.version.local, "cu128");
    CU_ASSERT_EQUAL(gl_version_release(&f.version)[1], 9);
    gl_dist_filename_free(&f);
}

static void test_sdist_project_hint(void)
{
    gl_dist_filename f;
    CU_ASSERT_FATAL(gl_dist_filename_parse_hinted(&f, "foo-1.0-2.tar.gz", "Foo", NULL));
    CU_ASSERT_STRING_EQUAL(f.name, "foo");
    char *v = gl_version_to_string(&f.version);
    CU_ASSERT_STRING_EQUAL(v, "1.0.post2");
    free(v);
    gl_dist_filename_free(&f);

    /* The hint compares normalised names. */
    CU_ASSERT_FATAL(gl_dist_filename_parse_hinted(&f, "foo_bar-2-1.zip", "FOO.bar", NULL));
    CU_ASSERT_STRING_EQUAL(f.normalized_name, "foo-bar");
    CU_ASSERT_STRING_EQUAL(f.version_text, "2-1");
    gl_dist_filename_free(&f);

    /* A hint that does not fit is ignored. */
    CU_ASSERT_FATAL(gl_dist_filename_parse_hinted(&f, "foo-1.0-2.tar.gz", "bar", NULL));
    CU_ASSERT_STRING_EQUAL(f.name, "foo-1.0");
    gl_dist_filename_free(&f);

    /* A hint whose remainder is no version falls back too. */
    CU_ASSERT_FATAL(gl_dist_filename_parse_hinted(&f, "foo-x-1.0.tar.gz", "foo", NULL));
    CU_ASSERT_STRING_EQUAL(f.name, "foo-x");
    gl_dist_filename_free(&f);

    /* Wheels ignore the hint. */
    CU_ASSERT_FATAL(gl_dist_filename_parse_hinted(&f, "foo-1.0-py3-none-any.whl", "other", NULL));
    CU_ASSERT_STRING_EQUAL(f.name, "foo");
    gl_dist_filename_free(&f);
}

static void test_build_tags_order(void)
{
    const char *in_order[] = {
        "foo-1.0-py3-none-any.whl",     "foo-1.0-0-py3-none-any.whl", "foo-1.0-1-py3-none-any.whl",
        "foo-1.0-2-py3-none-any.whl",   "foo-1.0-2a-py3-none-any.whl", "foo-1.0-2b-py3-none-any.whl",
        "foo-1.0-10-py3-none-any.whl",  "foo-1.0-18446744073709551615-py3-none-any.whl",
    };
    size_t n = sizeof in_order / sizeof in_order[0];
    gl_dist_filename f[8];
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_FATAL(gl_dist_filename_parse(&f[i], in_order[i], NULL));
    CU_ASSERT_EQUAL(f[6].build_number, 10);
    CU_ASSERT_STRING_EQUAL(f[5].build_suffix, "b");
    CU_ASSERT_EQUAL(f[7].build_number, UINT64_MAX);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            int c = gl_dist_filename_compare_build(&f[i], &f[j]);
            CU_ASSERT_EQUAL(c, i < j ? -1 : i > j ? 1 : 0);
        }
    }
    for (size_t i = 0; i < n; i++)
        gl_dist_filename_free(&f[i]);
}

typedef struct invalid_case {
    const char *filename;
    const char *kind;   /* the word in "invalid <kind> filename" */
    const char *reason; /* a part of the reason */
} invalid_case;

static const invalid_case invalid[] = {
    {"torch-2.9.0-cp311-cp311.whl", "wheel", "too few"},
    {"torch-2.9.0-cp311-manylinux_2_28_x86_64.whl", "wheel", "too few"},
    {"a-1-2-3-4-5-6.whl", "wheel", "too many"},
    {"-1.0-py3-none-any.whl", "wheel", "empty project name"},
    {"_foo-1.0-py3-none-any.whl", "wheel", "start and end"},
    {"foo_-1.0-py3-none-any.whl", "wheel", "start and end"},
    {"foo__bar-1.0-py3-none-any.whl", "wheel", "'__'"},
    {"foo+bar-1.0-py3-none-any.whl", "wheel", "project name may contain only"},
    {"foo-1.0-x1-py3-none-any.whl", "wheel", "build tag must start with a digit"},
    {"foo-1.0--py3-none-any.whl", "wheel", "build tag must start with a digit"},
    {"foo-1.0-1!-py3-none-any.whl", "wheel", "build tag may contain only"},
    {"foo-1.0-18446744073709551616-py3-none-any.whl", "wheel", "build number too large"},
    {"foo-abc-py3-none-any.whl", "wheel", "invalid version 'abc'"},
    {"foo--py3-none-any.whl", "wheel", "invalid version"},
    {"foo-1.0+-py3-none-any.whl", "wheel", "invalid version"},
    {"foo-1.0%2B%2B-py3-none-any.whl", "wheel", "invalid version"},
    {"foo-1.0-py3..py2-none-any.whl", "wheel", "invalid python tag"},
    {"foo-1.0-.py3-none-any.whl", "wheel", "invalid python tag"},
    {"foo-1.0--none-any.whl", "wheel", "invalid python tag"},
    {"foo-1.0-py3--any.whl", "wheel", "invalid abi tag"},
    {"foo-1.0-py3-none-.whl", "wheel", "invalid platform tag"},
    {"foo-1.0-py3-none-any%2C.whl", "wheel", "invalid platform tag"},
    {"foo-1.0-py3-none-linux%ZZ.whl", "wheel", "invalid platform tag"},
    {"foo-1.0-py3-none-any..whl", "wheel", "invalid platform tag"},
    {"foo-1.0-py3-n\xc3\xb6ne-any.whl", "wheel", "invalid abi tag"},
    {".whl", "wheel", "nothing before"},
    {"foo-1.0-py3-none-any.WHL", "distribution", "not a wheel"},
    {"foo-1.0.txt", "distribution", "not a wheel"},
    {"", "distribution", "empty filename"},
    {"foo-1.0-py3-none-any.whl\n", "distribution", "whitespace or a control character"},
    {"foo 1.0-py3-none-any.whl", "distribution", "whitespace or a control character"},
    {"foo-1.0-py3-none-any%00.whl", "distribution", "whitespace or a control character"},
    {"foo-1.0-py3-none-any%0a.whl", "distribution", "whitespace or a control character"},
    {"dir/foo-1.0-py3-none-any.whl", "distribution", "'/'"},
    {"..%2Ffoo-1.0.tar.gz", "distribution", "'/'"},
    {"foo.tar.gz", "sdist", "expected NAME-VERSION"},
    {".tar.gz", "distribution", "not a wheel"},
    {"foo-.tar.gz", "sdist", "invalid version"},
    {"foo-1.0-bar.zip", "sdist", "invalid version 'bar'"},
    {"-1.0.tar.gz", "sdist", "empty project name"},
    {"fo!o-1.0.tar.gz", "sdist", "project name may contain only"},
};

static void test_invalid_names_say_why(void)
{
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        const invalid_case *c = &invalid[i];
        gl_dist_filename f;
        gl_error err;
        gl_error_clear(&err);
        bool ok = gl_dist_filename_parse(&f, c->filename, &err);
        if (ok)
            fprintf(stderr, "\naccepted: '%s'\n", c->filename);
        CU_ASSERT_FALSE(ok);
        CU_ASSERT_EQUAL(err.code, GL_EINVAL);
        char prefix[256];
        snprintf(prefix, sizeof prefix, "invalid %s filename '%s'", c->kind, c->filename);
        bool named = !strncmp(err.message, prefix, strlen(prefix));
        bool reasoned = strstr(err.message, c->reason) != NULL;
        if (!named || !reasoned)
            fprintf(stderr, "\n'%s': got \"%s\"\n", c->filename, err.message);
        CU_ASSERT(named);
        CU_ASSERT(reasoned);
        /* A failed parse leaves nothing behind to free. */
        CU_ASSERT_PTR_NULL(f.name);
        CU_ASSERT_PTR_NULL(f.version_text);
        CU_ASSERT_PTR_NULL(f.python_tags);
        gl_dist_filename_free(&f);
    }
}

static void test_edge_inputs(void)
{
    gl_dist_filename f;
    gl_error err;
    gl_error_clear(&err);
    CU_ASSERT_FALSE(gl_dist_filename_parse(&f, NULL, &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    /* err may be NULL. */
    CU_ASSERT_FALSE(gl_dist_filename_parse(&f, "nope", NULL));

    /* A very long name is quoted shortened, and the reason still fits. */
    char long_name[4000];
    memset(long_name, 'a', sizeof long_name);
    strcpy(long_name + sizeof long_name - 8, "-x.whl");
    CU_ASSERT_FALSE(gl_dist_filename_parse(&f, long_name, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "too few"));

    /* Freeing twice is harmless: free leaves the struct empty. */
    CU_ASSERT_FATAL(gl_dist_filename_parse(&f, "foo-1.0-1-py3-none-any.whl", NULL));
    gl_dist_filename_free(&f);
    CU_ASSERT_PTR_NULL(f.build_tag);
    gl_dist_filename_free(&f);
    gl_dist_filename_free(NULL);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite s = CU_add_suite("wheel_filename", NULL, NULL);
    CU_add_test(s, "real filenames parse as packaging parses them", test_real_filenames);
    CU_add_test(s, "index-link, GitHub-release and legacy-archive spellings", test_other_spellings);
    CU_add_test(s, "%2B is a local version separator", test_percent_decoded_local_version);
    CU_add_test(s, "a project hint settles ambiguous sdist names", test_sdist_project_hint);
    CU_add_test(s, "build tags order by number, then text", test_build_tags_order);
    CU_add_test(s, "invalid names are rejected, naming the file and the reason",
                test_invalid_names_say_why);
    CU_add_test(s, "NULL, huge and repeated inputs", test_edge_inputs);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failures ? 1 : CU_get_error();
}
