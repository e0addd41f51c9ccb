/* test_tags.c — targets, pip's tag preference order, Requires-Python and marker values.
 * The rank table was produced from real wheel filenames in the package facts with pip's
 * vendored packaging 21.3 as the oracle: a rank is the position of the wheel's best tag in
 * cpython_tags + compatible_tags for that interpreter and the platform list packaging
 * generates on that machine (-1: not installable). */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "tags.h"

typedef struct target_case {
    const char *python, *platform;
    size_t nplatforms;
    const char *first_platform, *last_platform;
} target_case;

/* The columns of rank_cases, in order. */
static const target_case targets[] = {
    {"3.11", "manylinux_2_35_x86_64", 35, "manylinux_2_35_x86_64", "linux_x86_64"},
    {"3.12", "manylinux_2_28_aarch64", 14, "manylinux_2_28_aarch64", "linux_aarch64"},
    {"3.9", "manylinux2014_x86_64", 17, "manylinux_2_17_x86_64", "linux_x86_64"},
    {"3.13", "musllinux_1_2_x86_64", 4, "musllinux_1_2_x86_64", "linux_x86_64"},
    {"3.11", "win_amd64", 1, "win_amd64", "win_amd64"},
    {"3.13", "win_arm64", 1, "win_arm64", "win_arm64"},
    {"3.12", "macosx_14_0_arm64", 21, "macosx_14_0_arm64", "macosx_10_4_universal2"},
    {"3.10", "macosx_10_15_x86_64", 72, "macosx_10_15_x86_64", "macosx_10_4_universal"},
};
#define NTARGETS (sizeof targets / sizeof targets[0])

typedef struct rank_case {
    const char *filename;
    int rank[NTARGETS];
} rank_case;

static const rank_case rank_cases[] = {
    {"MarkupSafe-2.1.5-cp310-cp310-macosx_10_9_universal2.whl", {-1, -1, -1, -1, -1, -1, -1, 40}},
    {"MarkupSafe-2.1.5-cp310-cp310-macosx_10_9_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, 36}},
    {"MarkupSafe-2.1.5-cp310-cp310-manylinux_2_17_aarch64.manylinux2014_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-2.1.5-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-2.1.5-cp310-cp310-manylinux_2_5_i686.manylinux1_i686.manylinux_2_17_i686.manylinux2014_i686.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-2.1.5-cp310-cp310-musllinux_1_1_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-2.1.5-cp310-cp310-musllinux_1_1_i686.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-2.1.5-cp310-cp310-musllinux_1_1_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-2.1.5-cp310-cp310-win32.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-2.1.5-cp310-cp310-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-2.1.5-cp311-cp311-macosx_10_9_universal2.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-2.1.5-cp312-cp312-macosx_10_9_universal2.whl", {-1, -1, -1, -1, -1, -1, 15, -1}},
    {"MarkupSafe-2.1.5-cp39-cp39-macosx_10_9_universal2.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-3.0.2-cp310-cp310-macosx_11_0_arm64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-3.0.2-cp310-cp310-musllinux_1_2_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-3.0.2-cp310-cp310-musllinux_1_2_i686.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-3.0.2-cp310-cp310-musllinux_1_2_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-3.0.2-cp312-cp312-macosx_10_13_universal2.whl", {-1, -1, -1, -1, -1, -1, 11, -1}},
    {"MarkupSafe-3.0.2-cp313-cp313-macosx_10_13_universal2.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"MarkupSafe-3.0.2-cp313-cp313t-macosx_10_13_universal2.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"PyYAML-6.0.2-cp310-cp310-manylinux_2_17_s390x.manylinux2014_s390x.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"PyYAML-6.0.2-cp313-cp313-macosx_10_13_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"accelerate-0.27.0-py3-none-any.whl", {877, 380, 359, 118, 27, 31, 569, 1658}},
    {"aiohttp-3.10.5-cp310-cp310-manylinux_2_17_ppc64le.manylinux2014_ppc64le.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.10.5-cp310-cp310-musllinux_1_2_ppc64le.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.10.5-cp310-cp310-musllinux_1_2_s390x.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.11.18-cp310-cp310-musllinux_1_2_armv7l.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.12.15-cp310-cp310-manylinux_2_17_armv7l.manylinux2014_armv7l.manylinux_2_31_armv7l.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.13.2-cp310-cp310-manylinux2014_aarch64.manylinux_2_17_aarch64.manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.13.2-cp310-cp310-manylinux2014_armv7l.manylinux_2_17_armv7l.manylinux_2_31_armv7l.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.13.2-cp310-cp310-manylinux2014_ppc64le.manylinux_2_17_ppc64le.manylinux_2_28_ppc64le.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.13.2-cp310-cp310-manylinux2014_s390x.manylinux_2_17_s390x.manylinux_2_28_s390x.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.13.2-cp310-cp310-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.13.2-cp310-cp310-manylinux_2_31_riscv64.manylinux_2_39_riscv64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.13.2-cp310-cp310-musllinux_1_2_riscv64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.13.2-cp314-cp314-macosx_10_13_universal2.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiohttp-3.13.2-cp314-cp314t-macosx_10_13_universal2.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"aiosignal-1.3.2-py2.py3-none-any.whl", {877, 380, 359, 118, 27, 31, 569, 1658}},
    {"bitsandbytes-0.42.0-py3-none-any.whl", {877, 380, 359, 118, 27, 31, 569, 1658}},
    {"bitsandbytes-0.43.0-py3-none-manylinux_2_24_x86_64.whl", {466, -1, -1, -1, -1, -1, -1, -1}},
    {"bitsandbytes-0.44.1-py3-none-win_amd64.whl", {-1, -1, -1, -1, 13, -1, -1, -1}},
    {"bitsandbytes-0.45.5-py3-none-win_amd64.whl", {-1, -1, -1, -1, 13, -1, -1, -1}},
    {"bitsandbytes-0.46.0-py3-none-manylinux_2_24_aarch64.whl", {-1, 200, -1, -1, -1, -1, -1, -1}},
    {"bitsandbytes-0.48.1-py3-none-manylinux_2_24_x86_64.whl", {466, -1, -1, -1, -1, -1, -1, -1}},
    {"charset_normalizer-3.4.4-cp310-cp310-win_arm64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"frozenlist-1.4.1-cp310-cp310-manylinux_2_5_x86_64.manylinux1_x86_64.manylinux_2_17_x86_64.manylinux2014_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"frozenlist-1.4.1-cp310-cp310-musllinux_1_1_ppc64le.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"frozenlist-1.4.1-cp310-cp310-musllinux_1_1_s390x.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"frozenlist-1.8.0-cp310-cp310-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"hf_transfer-0.1.9-cp313-cp313t-macosx_10_12_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"hf_transfer-0.1.9-cp313-cp313t-manylinux_2_17_armv7l.manylinux2014_armv7l.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"hf_transfer-0.1.9-cp313-cp313t-manylinux_2_17_i686.manylinux2014_i686.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"hf_transfer-0.1.9-cp38-abi3-macosx_10_12_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, 306}},
    {"hf_xet-1.1.10-cp37-abi3-macosx_10_12_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, 378}},
    {"hf_xet-1.1.10-cp37-abi3-manylinux_2_28_aarch64.whl", {-1, 98, -1, -1, -1, -1, -1, -1}},
    {"msgpack-1.1.0-cp38-cp38-manylinux_2_17_aarch64.manylinux2014_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"multidict-6.6.4-cp310-cp310-manylinux1_i686.manylinux2014_i686.manylinux_2_17_i686.manylinux_2_5_i686.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"multidict-6.7.0-cp310-cp310-manylinux1_i686.manylinux_2_28_i686.manylinux_2_5_i686.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"multiprocess-0.70.16-pp310-pypy310_pp73-macosx_10_13_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"multiprocess-0.70.16-pp310-pypy310_pp73-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"multiprocess-0.70.16-pp39-pypy39_pp73-macosx_10_13_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"multiprocess-0.70.16-py310-none-any.whl", {878, 382, -1, 121, 28, 34, 571, 1657}},
    {"multiprocess-0.70.16-py311-none-any.whl", {876, 381, -1, 120, 26, 33, 570, -1}},
    {"multiprocess-0.70.16-py312-none-any.whl", {-1, 379, -1, 119, -1, 32, 568, -1}},
    {"multiprocess-0.70.16-py38-none-any.whl", {880, 384, 360, 123, 30, 36, 573, 1660}},
    {"multiprocess-0.70.16-py39-none-any.whl", {879, 383, 358, 122, 29, 35, 572, 1659}},
    {"multiprocess-0.70.18-pp310-pypy310_pp73-macosx_10_15_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"multiprocess-0.70.18-pp311-pypy311_pp73-macosx_10_15_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"multiprocess-0.70.18-py313-none-any.whl", {-1, -1, -1, 117, -1, 30, -1, -1}},
    {"ninja-1.11.1.1-py2.py3-none-macosx_10_9_universal2.macosx_10_9_x86_64.macosx_11_0_arm64.macosx_11_0_universal2.whl", {-1, -1, -1, -1, -1, -1, 300, 900}},
    {"ninja-1.11.1.1-py2.py3-none-manylinux1_i686.manylinux_2_5_i686.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"ninja-1.11.1.1-py2.py3-none-manylinux1_x86_64.manylinux_2_5_x86_64.whl", {487, -1, 201, -1, -1, -1, -1, -1}},
    {"ninja-1.11.1.1-py2.py3-none-manylinux2014_aarch64.manylinux_2_17_aarch64.whl", {-1, 207, -1, -1, -1, -1, -1, -1}},
    {"ninja-1.11.1.1-py2.py3-none-manylinux2014_ppc64le.manylinux_2_17_ppc64le.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"ninja-1.11.1.1-py2.py3-none-manylinux2014_s390x.manylinux_2_17_s390x.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"ninja-1.11.1.2-py3-none-manylinux_2_12_i686.manylinux2010_i686.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"ninja-1.11.1.2-py3-none-manylinux_2_12_x86_64.manylinux2010_x86_64.whl", {479, -1, 193, -1, -1, -1, -1, -1}},
    {"ninja-1.11.1.2-py3-none-manylinux_2_28_armv7l.manylinux_2_31_armv7l.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"ninja-1.13.0-py3-none-manylinux2014_i686.manylinux_2_17_i686.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"ninja-1.13.0-py3-none-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", {473, -1, 187, -1, -1, -1, -1, -1}},
    {"ninja-1.13.0-py3-none-manylinux_2_31_riscv64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"numpy-2.0.2-cp310-cp310-macosx_14_0_arm64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"numpy-2.0.2-cp310-cp310-macosx_14_0_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"numpy-2.3.5-cp311-cp311-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"numpy-2.3.5-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl", {7, -1, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cublas-13.0.0.19-py3-none-manylinux_2_27_aarch64.whl", {-1, 197, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cublas-13.0.0.19-py3-none-manylinux_2_27_x86_64.whl", {463, -1, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cublas_cu11-11.11.3.6-py3-none-manylinux1_x86_64.whl", {488, -1, 202, -1, -1, -1, -1, -1}},
    {"nvidia_cublas_cu12-12.4.5.8-py3-none-manylinux2014_aarch64.whl", {-1, 208, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cublas_cu12-12.4.5.8-py3-none-manylinux2014_x86_64.whl", {474, -1, 188, -1, -1, -1, -1, -1}},
    {"nvidia_cublas_cu12-12.6.4.1-py3-none-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", {473, -1, 187, -1, -1, -1, -1, -1}},
    {"nvidia_cuda_cupti-13.0.48-py3-none-manylinux_2_25_aarch64.whl", {-1, 199, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cuda_cupti-13.0.48-py3-none-manylinux_2_25_x86_64.whl", {465, -1, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cuda_cupti_cu12-12.6.80-py3-none-manylinux2014_x86_64.whl", {474, -1, 188, -1, -1, -1, -1, -1}},
    {"nvidia_cuda_nvrtc-13.0.48-py3-none-manylinux2010_x86_64.manylinux_2_12_x86_64.whl", {479, -1, 193, -1, -1, -1, -1, -1}},
    {"nvidia_cuda_nvrtc-13.0.48-py3-none-manylinux2014_aarch64.manylinux_2_17_aarch64.whl", {-1, 207, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cuda_nvrtc_cu12-12.8.61-py3-none-manylinux2014_aarch64.manylinux_2_17_aarch64.whl", {-1, 207, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cuda_runtime_cu12-12.1.105-py3-none-manylinux1_x86_64.whl", {488, -1, 202, -1, -1, -1, -1, -1}},
    {"nvidia_cuda_runtime_cu12-12.8.57-py3-none-win_amd64.whl", {-1, -1, -1, -1, 13, -1, -1, -1}},
    {"nvidia_cudnn_cu12-9.10.2.21-py3-none-win_amd64.whl", {-1, -1, -1, -1, 13, -1, -1, -1}},
    {"nvidia_cufft-12.0.0.15-py3-none-win_amd64.whl", {-1, -1, -1, -1, 13, -1, -1, -1}},
    {"nvidia_cufft_cu12-11.3.3.41-py3-none-manylinux2014_aarch64.manylinux_2_17_aarch64.whl", {-1, 207, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cufile_cu12-1.11.1.6-py3-none-manylinux_2_27_aarch64.whl", {-1, 197, -1, -1, -1, -1, -1, -1}},
    {"nvidia_curand_cu12-10.3.10.19-py3-none-manylinux_2_27_x86_64.whl", {463, -1, -1, -1, -1, -1, -1, -1}},
    {"nvidia_curand_cu12-10.3.9.55-py3-none-manylinux_2_27_aarch64.whl", {-1, 197, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cusolver_cu12-11.6.1.9-py3-none-manylinux2014_aarch64.whl", {-1, 208, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cusolver_cu12-11.7.3.90-py3-none-manylinux_2_27_x86_64.whl", {463, -1, -1, -1, -1, -1, -1, -1}},
    {"nvidia_cusparse_cu12-12.3.1.170-py3-none-manylinux2014_x86_64.whl", {474, -1, 188, -1, -1, -1, -1, -1}},
    {"nvidia_cusparse_cu12-12.5.7.53-py3-none-win_amd64.whl", {-1, -1, -1, -1, 13, -1, -1, -1}},
    {"nvidia_cusparselt_cu12-0.7.1-py3-none-win_amd64.whl", {-1, -1, -1, -1, 13, -1, -1, -1}},
    {"nvidia_nccl_cu12-2.26.2-py3-none-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", {473, -1, 187, -1, -1, -1, -1, -1}},
    {"nvidia_nvjitlink_cu12-12.4.127-py3-none-win_amd64.whl", {-1, -1, -1, -1, 13, -1, -1, -1}},
    {"nvidia_nvjitlink_cu12-12.9.86-py3-none-win_amd64.whl", {-1, -1, -1, -1, 13, -1, -1, -1}},
    {"nvidia_nvtx_cu12-12.4.127-py3-none-manylinux2014_x86_64.whl", {474, -1, 188, -1, -1, -1, -1, -1}},
    {"nvidia_nvtx_cu12-12.8.90-py3-none-win_amd64.whl", {-1, -1, -1, -1, 13, -1, -1, -1}},
    {"pandas-2.3.3-cp310-cp310-manylinux_2_24_aarch64.manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"pandas-2.3.3-cp310-cp310-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"pillow-10.4.0-cp310-cp310-macosx_10_10_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, 30}},
    {"pillow-11.3.0-cp313-cp313-ios_13_0_arm64_iphoneos.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"pillow-11.3.0-cp313-cp313-ios_13_0_arm64_iphonesimulator.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"pillow-11.3.0-cp313-cp313-ios_13_0_x86_64_iphonesimulator.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"protobuf-3.20.3-cp36-cp36m-manylinux_2_5_x86_64.manylinux1_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"protobuf-3.20.3-cp37-cp37m-macosx_10_9_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"psutil-6.0.0-cp27-none-win32.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"psutil-6.0.0-cp36-abi3-manylinux_2_12_i686.manylinux2010_i686.manylinux_2_17_i686.manylinux2014_i686.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"psutil-6.0.0-cp36-abi3-manylinux_2_12_x86_64.manylinux2010_x86_64.manylinux_2_17_x86_64.manylinux2014_x86_64.whl", {263, -1, 85, -1, -1, -1, -1, -1}},
    {"psutil-7.1.3-cp313-cp313t-manylinux2010_x86_64.manylinux_2_12_x86_64.manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"pyarrow-19.0.0-cp310-cp310-macosx_12_0_arm64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"pyarrow-19.0.0-cp310-cp310-macosx_12_0_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"pydantic_core-2.23.4-cp310-cp310-manylinux_2_5_i686.manylinux1_i686.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"pydantic_core-2.27.2-cp310-cp310-musllinux_1_1_armv7l.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"pydantic_core-2.41.5-graalpy311-graalpy242_311_native-macosx_10_12_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"pydantic_core-2.41.5-graalpy312-graalpy250_312_native-macosx_10_12_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"regex-2024.11.6-cp310-cp310-manylinux_2_5_x86_64.manylinux1_x86_64.manylinux_2_12_x86_64.manylinux2010_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"safetensors-0.4.2-pp37-pypy37_pp73-macosx_10_12_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"safetensors-0.4.2-pp38-pypy38_pp73-macosx_10_12_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"scipy-1.16.3-cp311-cp311-macosx_10_14_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.4.0+cpu-cp310-cp310-linux_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.4.0+cu121-cp311-cp311-win_amd64.whl", {-1, -1, -1, -1, 0, -1, -1, -1}},
    {"torch-2.4.0-cp312-cp312-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.4.1+cpu-cp38-cp38-linux_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.4.1+cu121-cp39-cp39-linux_x86_64.whl", {-1, -1, 16, -1, -1, -1, -1, -1}},
    {"torch-2.4.1-cp311-cp311-win_amd64.whl", {-1, -1, -1, -1, 0, -1, -1, -1}},
    {"torch-2.5.0+cu121-cp312-cp312-linux_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.5.0-cp312-cp312-manylinux_2_17_aarch64.manylinux2014_aarch64.whl", {-1, 11, -1, -1, -1, -1, -1, -1}},
    {"torch-2.5.1+cpu-cp39-cp39-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.5.1+cu124-cp310-cp310-linux_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.5.1-cp310-cp310-linux_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.5.1-cp310-cp310-manylinux_2_17_aarch64.manylinux2014_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.5.1-cp312-cp312-manylinux_2_17_aarch64.manylinux2014_aarch64.whl", {-1, 11, -1, -1, -1, -1, -1, -1}},
    {"torch-2.6.0+cpu-cp310-cp310-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.6.0+cpu-cp39-cp39-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.6.0+cu126-cp310-cp310-linux_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.6.0+cu126-cp313-cp313t-linux_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.6.0-cp311-cp311-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.6.0-cp39-cp39-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.7.0+cpu-cp312-cp312-win_arm64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.7.0+cu126-cp313-cp313-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.7.0+cu128-cp312-cp312-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.7.0+xpu-cp312-cp312-linux_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.7.0-cp311-cp311-win_amd64.whl", {-1, -1, -1, -1, 0, -1, -1, -1}},
    {"torch-2.7.0-cp313-cp313t-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.7.1+cpu-cp312-cp312-win_arm64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.7.1+cu118-cp313-cp313-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.7.1+cu128-cp310-cp310-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.7.1+cu128-cp313-cp313t-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.7.1-cp311-cp311-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.7.1-cp313-cp313t-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.8.0+cpu-cp310-cp310-linux_s390x.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.8.0+cpu-cp311-cp311-win_amd64.whl", {-1, -1, -1, -1, 0, -1, -1, -1}},
    {"torch-2.8.0+cpu-cp313-cp313t-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.8.0+cu126-cp313-cp313t-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.8.0+cu128-cp39-cp39-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.8.0+cu129-cp313-cp313-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.8.0+xpu-cp311-cp311-win_amd64.whl", {-1, -1, -1, -1, 0, -1, -1, -1}},
    {"torch-2.8.0-cp311-cp311-manylinux_2_28_x86_64.whl", {7, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.8.0-cp313-cp313t-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0+cpu-cp312-cp312-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0+cpu-cp314-cp314-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0+cu126-cp312-cp312-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0+cu126-cp314-cp314t-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0+cu128-cp313-cp313-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0+cu129-cp311-cp311-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0+cu129-cp314-cp314-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0+cu130-cp313-cp313t-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0+rocm6.3-cp313-cp313t-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0-cp310-cp310-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0-cp313-cp313-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.0-cp314-cp314t-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.1+cpu-cp313-cp313-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.1+cu126-cp313-cp313t-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.1+cu128-cp314-cp314-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.1+cu129-cp314-cp314-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.1-cp310-cp310-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.1-cp313-cp313-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torch-2.9.1-cp314-cp314t-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torchao-0.13.0-1-cp39-abi3-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl", {147, -1, -1, -1, -1, -1, -1, -1}},
    {"torchao-0.9.0-cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.manylinux_2_28_x86_64.whl", {147, -1, 17, -1, -1, -1, -1, -1}},
    {"torchvision-0.19.0-1-cp312-cp312-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torchvision-0.21.0-1-cp310-cp310-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torchvision-0.21.0-1-cp311-cp311-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torchvision-0.21.0-1-cp312-cp312-manylinux_2_28_aarch64.whl", {-1, 0, -1, -1, -1, -1, -1, -1}},
    {"torchvision-0.21.0-1-cp313-cp313-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"torchvision-0.21.0-1-cp39-cp39-manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"triton-3.0.0-1-cp310-cp310-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"triton-3.0.0-1-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", {18, -1, -1, -1, -1, -1, -1, -1}},
    {"triton-3.0.0-1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"triton-3.2.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", {18, -1, -1, -1, -1, -1, -1, -1}},
    {"triton-3.3.1-cp310-cp310-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"triton-3.4.0-cp312-cp312-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", {-1, 0, -1, -1, -1, -1, -1, -1}},
    {"triton-3.5.0-cp313-cp313-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"triton-3.5.1-cp312-cp312-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", {-1, 0, -1, -1, -1, -1, -1, -1}},
    {"triton_windows-3.2.0.post17-cp312-cp312-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"xformers-0.0.23-cp39-cp39-manylinux2014_x86_64.whl", {-1, -1, 1, -1, -1, -1, -1, -1}},
    {"xformers-0.0.24-cp39-cp39-manylinux2014_x86_64.whl", {-1, -1, 1, -1, -1, -1, -1, -1}},
    {"xformers-0.0.26.post1-cp311-cp311-win_amd64.whl", {-1, -1, -1, -1, 0, -1, -1, -1}},
    {"xformers-0.0.27-cp39-cp39-manylinux2014_x86_64.whl", {-1, -1, 1, -1, -1, -1, -1, -1}},
    {"xformers-0.0.27.post2+cu118-cp311-cp311-manylinux2014_x86_64.whl", {19, -1, -1, -1, -1, -1, -1, -1}},
    {"xformers-0.0.28.post1-cp310-cp310-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"xformers-0.0.28.post2-cp312-cp312-manylinux_2_28_x86_64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"xformers-0.0.29.post1-cp310-cp310-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"xformers-0.0.29.post2-cp312-cp312-win_amd64.whl", {-1, -1, -1, -1, -1, -1, -1, -1}},
    {"xformers-0.0.30-cp311-cp311-win_amd64.whl", {-1, -1, -1, -1, 0, -1, -1, -1}},
    {"xformers-0.0.32.post1-cp39-abi3-win_amd64.whl", {-1, -1, -1, -1, 4, -1, -1, -1}},
};

static void init_or_die(gl_target *t, const char *python, const char *platform)
{
    gl_error err;
    gl_error_clear(&err);
    bool ok = gl_target_init(t, python, platform, &err);
    if (!ok)
        fprintf(stderr, "\n%s %s: %s\n", python, platform, err.message);
    CU_ASSERT_FATAL(ok);
}

static void test_platform_lists(void)
{
    for (size_t i = 0; i < NTARGETS; i++) {
        gl_target t;
        init_or_die(&t, targets[i].python, targets[i].platform);
        CU_ASSERT_EQUAL(t.nplatforms, targets[i].nplatforms);
        char buf[96];
        CU_ASSERT_FATAL(gl_target_platform_at(&t, 0, buf, sizeof buf));
        CU_ASSERT_STRING_EQUAL(buf, targets[i].first_platform);
        CU_ASSERT_FATAL(gl_target_platform_at(&t, t.nplatforms - 1, buf, sizeof buf));
        CU_ASSERT_STRING_EQUAL(buf, targets[i].last_platform);
        CU_ASSERT_FALSE(gl_target_platform_at(&t, t.nplatforms, buf, sizeof buf));
        CU_ASSERT_FALSE(gl_target_platform_at(&t, 0, buf, 4));
    }
}

static void test_glibc_list_order_and_legacy_aliases(void)
{
    gl_target t;
    init_or_die(&t, "3.11", "manylinux_2_35_x86_64");
    const char *expected[] = {
        "manylinux_2_35_x86_64", "manylinux_2_34_x86_64", /* ... */
    };
    char buf[96];
    for (size_t i = 0; i < 2; i++) {
        CU_ASSERT_FATAL(gl_target_platform_at(&t, i, buf, sizeof buf));
        CU_ASSERT_STRING_EQUAL(buf, expected[i]);
    }
    /* Each legacy alias right after the manylinux_2_Y it stands for. */
    const struct {
        size_t index;
        const char *tag;
    } at[] = {{18, "manylinux_2_17_x86_64"}, {19, "manylinux2014_x86_64"},
              {24, "manylinux_2_12_x86_64"}, {25, "manylinux2010_x86_64"},
              {32, "manylinux_2_5_x86_64"},  {33, "manylinux1_x86_64"}};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        CU_ASSERT_FATAL(gl_target_platform_at(&t, at[i].index, buf, sizeof buf));
        CU_ASSERT_STRING_EQUAL(buf, at[i].tag);
    }
}

static void test_real_wheel_ranks(void)
{
    gl_target t[NTARGETS];
    for (size_t i = 0; i < NTARGETS; i++)
        init_or_die(&t[i], targets[i].python, targets[i].platform);
    for (size_t k = 0; k < sizeof rank_cases / sizeof rank_cases[0]; k++) {
        gl_dist_filename w;
        CU_ASSERT_FATAL(gl_dist_filename_parse(&w, rank_cases[k].filename, NULL));
        for (size_t i = 0; i < NTARGETS; i++) {
            int got = gl_target_wheel_rank(&t[i], &w);
            if (got != rank_cases[k].rank[i])
                fprintf(stderr, "\n%s on %s %s: rank %d, pip %d\n", rank_cases[k].filename,
                        targets[i].python, targets[i].platform, got, rank_cases[k].rank[i]);
            CU_ASSERT_EQUAL(got, rank_cases[k].rank[i]);
        }
        gl_dist_filename_free(&w);
    }
}

static int rank_of(const gl_target *t, const char *filename)
{
    gl_dist_filename w;
    gl_error err;
    gl_error_clear(&err);
    if (!gl_dist_filename_parse(&w, filename, &err)) {
        fprintf(stderr, "\n%s\n", err.message);
        return -2;
    }
    int r = gl_target_wheel_rank(t, &w);
    gl_dist_filename_free(&w);
    return r;
}

/* Filenames from best to worst for the target; every one installable. */
static void assert_preference(const gl_target *t, const char *const *names, size_t n)
{
    int previous = -1;
    for (size_t i = 0; i < n; i++) {
        int r = rank_of(t, names[i]);
        if (r < 0 || r <= previous)
            fprintf(stderr, "\n%s: rank %d after %d\n", names[i], r, previous);
        CU_ASSERT(r >= 0);
        CU_ASSERT(r > previous);
        previous = r;
    }
}

static void test_preference_order_cpython_311(void)
{
    gl_target t;
    init_or_die(&t, "3.11", "manylinux_2_35_x86_64");
    static const char *const order[] = {
        "torch-2.9.0%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl",
        "torch-2.9.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
        "torch-2.9.0-cp311-cp311-manylinux1_x86_64.whl",
        "torch-2.9.0-cp311-cp311-linux_x86_64.whl",
        "xformers-0.0.32-cp311-abi3-manylinux_2_17_x86_64.whl",
        "foo-1.0-cp311-none-manylinux_2_17_x86_64.whl",
        "xformers-0.0.32.post2-cp39-abi3-manylinux_2_28_x86_64.whl",
        "foo-1.0-cp32-abi3-linux_x86_64.whl",
        "bitsandbytes-0.48.2-py3-none-manylinux_2_24_x86_64.whl",
        "foo-1.0-py310-none-linux_x86_64.whl",
        "foo-1.0-cp311-none-any.whl",
        "foo-1.0-py311-none-any.whl",
        "foo-1.0-py3-none-any.whl",
        "foo-1.0-py310-none-any.whl",
        "foo-1.0-py30-none-any.whl",
    };
    assert_preference(&t, order, sizeof order / sizeof order[0]);
    /* A compressed set ranks as its best member. */
    CU_ASSERT_EQUAL(rank_of(&t, "foo-1.0-py2.py3-none-any.whl"),
                    rank_of(&t, "foo-1.0-py3-none-any.whl"));
    CU_ASSERT_EQUAL(rank_of(&t, "foo-1.0-cp310.cp311-cp310.cp311-linux_x86_64.manylinux_2_35_x86_64.whl"), 0);
    /* Tags compare case-insensitively, as packaging lowercases them. */
    CU_ASSERT_EQUAL(rank_of(&t, "foo-1.0-CP311-Cp311-MANYLINUX_2_35_X86_64.whl"), 0);
}

static void test_not_installable(void)
{
    gl_target t;
    init_or_die(&t, "3.11", "manylinux_2_35_x86_64");
    static const char *const never[] = {
        "foo-1.0-cp311-cp311-manylinux_2_36_x86_64.whl", /* newer glibc */
        "foo-1.0-cp311-cp311-manylinux_3_0_x86_64.whl",
        "foo-1.0-cp311-cp311-manylinux_2_28_aarch64.whl",
        "foo-1.0-cp311-cp311-musllinux_1_1_x86_64.whl",
        "foo-1.0-cp311-cp311-win_amd64.whl",
        "foo-1.0-cp310-cp310-manylinux_2_28_x86_64.whl", /* another interpreter's ABI */
        "foo-1.0-cp312-abi3-manylinux_2_28_x86_64.whl",  /* abi3 from a newer Python */
        "foo-1.0-cp311-cp311t-manylinux_2_28_x86_64.whl",
        "foo-1.0-cp311-cp311d-manylinux_2_28_x86_64.whl",
        "foo-1.0-cp39-abi3-any.whl",                     /* pip never generates abi3-any */
        "foo-1.0-cp31-abi3-linux_x86_64.whl",
        "foo-1.0-py312-none-any.whl",
        "foo-1.0-py4-none-any.whl",
        "foo-1.0-py2-none-any.whl",
        "foo-1.0-pp310-pypy310_pp73-manylinux_2_28_x86_64.whl",
        "foo-1.0-py3-abi3-any.whl",
        "foo-1.0-cp0311-cp311-linux_x86_64.whl",
    };
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++) {
        int r = rank_of(&t, never[i]);
        if (r != -1)
            fprintf(stderr, "\n%s: rank %d\n", never[i], r);
        CU_ASSERT_EQUAL(r, -1);
    }
    gl_dist_filename sdist;
    CU_ASSERT_FATAL(gl_dist_filename_parse(&sdist, "foo-1.0.tar.gz", NULL));
    CU_ASSERT_EQUAL(gl_target_wheel_rank(&t, &sdist), -1);
    gl_dist_filename_free(&sdist);
}

static void test_legacy_aliases_per_architecture(void)
{
    gl_target x86, arm, old;
    init_or_die(&x86, "3.11", "linux_x86_64"); /* glibc 2.35 */
    init_or_die(&arm, "3.11", "manylinux_2_35_aarch64");
    init_or_die(&old, "3.11", "manylinux2010_x86_64");
    CU_ASSERT_EQUAL(x86.os_minor, 35);
    CU_ASSERT(rank_of(&x86, "foo-1.0-cp311-cp311-manylinux1_x86_64.whl") >= 0);
    CU_ASSERT(rank_of(&x86, "foo-1.0-cp311-cp311-manylinux2010_x86_64.whl") >= 0);
    CU_ASSERT(rank_of(&x86, "foo-1.0-cp311-cp311-manylinux2014_x86_64.whl") >= 0);
    CU_ASSERT(rank_of(&x86, "foo-1.0-cp311-cp311-manylinux_2_35_x86_64.whl") >= 0);
    CU_ASSERT(rank_of(&arm, "foo-1.0-cp311-cp311-manylinux2014_aarch64.whl") >= 0);
    CU_ASSERT(rank_of(&arm, "foo-1.0-cp311-cp311-linux_aarch64.whl") >= 0);
    /* pip assumes glibc 2.17 as the floor outside x86. */
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp311-cp311-manylinux_2_16_aarch64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp311-cp311-manylinux1_aarch64.whl"), -1);
    CU_ASSERT(rank_of(&old, "foo-1.0-cp311-cp311-manylinux1_x86_64.whl") >= 0);
    CU_ASSERT(rank_of(&old, "foo-1.0-cp311-cp311-manylinux2010_x86_64.whl") >= 0);
    CU_ASSERT_EQUAL(rank_of(&old, "foo-1.0-cp311-cp311-manylinux2014_x86_64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&old, "foo-1.0-cp311-cp311-manylinux_2_13_x86_64.whl"), -1);
}

static void test_musllinux(void)
{
    gl_target t;
    init_or_die(&t, "3.12", "musllinux_1_2_aarch64");
    CU_ASSERT_EQUAL(rank_of(&t, "foo-1.0-cp312-cp312-musllinux_1_2_aarch64.whl"), 0);
    CU_ASSERT_EQUAL(rank_of(&t, "foo-1.0-cp312-cp312-musllinux_1_1_aarch64.whl"), 1);
    CU_ASSERT_EQUAL(rank_of(&t, "foo-1.0-cp312-cp312-linux_aarch64.whl"), 3);
    CU_ASSERT_EQUAL(rank_of(&t, "foo-1.0-cp312-cp312-musllinux_1_3_aarch64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&t, "foo-1.0-cp312-cp312-manylinux_2_17_aarch64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&t, "foo-1.0-cp312-cp312-musllinux_1_2_x86_64.whl"), -1);
}

static void test_macos(void)
{
    gl_target arm, intel, catalina;
    init_or_die(&arm, "3.12", "macosx_14_0_arm64");
    init_or_die(&intel, "3.12", "macosx_14_0_x86_64");
    init_or_die(&catalina, "3.12", "macosx_10_15_x86_64");
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp312-cp312-macosx_14_0_arm64.whl"), 0);
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp312-cp312-macosx_14_0_universal2.whl"), 1);
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp312-cp312-macosx_11_0_arm64.whl"), 6);
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp312-cp312-macosx_10_9_universal2.whl"), 15);
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp312-cp312-macosx_15_0_arm64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp312-cp312-macosx_11_3_arm64.whl"), -1); /* minor 0 only */
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp312-cp312-macosx_10_9_x86_64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp312-cp312-macosx_14_0_x86_64.whl"), -1);
    static const char *const intel_order[] = {
        "foo-1.0-cp312-cp312-macosx_14_0_x86_64.whl",  "foo-1.0-cp312-cp312-macosx_14_0_intel.whl",
        "foo-1.0-cp312-cp312-macosx_14_0_fat64.whl",   "foo-1.0-cp312-cp312-macosx_14_0_fat32.whl",
        "foo-1.0-cp312-cp312-macosx_14_0_universal2.whl",
        "foo-1.0-cp312-cp312-macosx_14_0_universal.whl", "foo-1.0-cp312-cp312-macosx_13_0_x86_64.whl",
        "foo-1.0-cp312-cp312-macosx_10_16_x86_64.whl", "foo-1.0-cp312-cp312-macosx_10_9_x86_64.whl",
        "foo-1.0-cp312-cp312-macosx_10_4_universal.whl",
    };
    assert_preference(&intel, intel_order, sizeof intel_order / sizeof intel_order[0]);
    CU_ASSERT_EQUAL(rank_of(&intel, "foo-1.0-cp312-cp312-macosx_10_3_x86_64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&intel, "foo-1.0-cp312-cp312-macosx_11_0_arm64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&catalina, "foo-1.0-cp312-cp312-macosx_10_15_x86_64.whl"), 0);
    CU_ASSERT_EQUAL(rank_of(&catalina, "foo-1.0-cp312-cp312-macosx_11_0_x86_64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&catalina, "foo-1.0-cp312-cp312-macosx_10_16_x86_64.whl"), -1);
}

static void test_windows(void)
{
    gl_target amd64, x86, arm;
    init_or_die(&amd64, "3.11", "win_amd64");
    init_or_die(&x86, "3.11", "win32");
    init_or_die(&arm, "3.11", "WIN_ARM64");
    CU_ASSERT_EQUAL(rank_of(&amd64, "torch-2.9.0%2Bcu128-cp311-cp311-win_amd64.whl"), 0);
    CU_ASSERT_EQUAL(rank_of(&amd64, "foo-1.0-cp311-cp311-win32.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&x86, "foo-1.0-cp311-cp311-win32.whl"), 0);
    CU_ASSERT_EQUAL(rank_of(&x86, "foo-1.0-cp311-cp311-win_amd64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp311-abi3-win_arm64.whl"), 1);
    /* One platform: cp311, abi3, none, cp310..cp32 abi3 (9), py311 py3 py310..py30 (13). */
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-cp311-none-any.whl"), 3 + 9 + 13);
    CU_ASSERT_EQUAL(rank_of(&arm, "foo-1.0-py3-none-any.whl"), 3 + 9 + 13 + 1 + 1);
}

static void test_free_threaded(void)
{
    gl_target ft, gil;
    init_or_die(&ft, "3.13t", "manylinux_2_28_x86_64");
    init_or_die(&gil, "3.13", "manylinux_2_28_x86_64");
    CU_ASSERT(ft.free_threaded);
    CU_ASSERT_STRING_EQUAL(ft.python, "3.13t");
    /* 24 manylinux_2_Y (2_28 .. 2_5), 3 legacy aliases, linux_x86_64. */
    CU_ASSERT_EQUAL(ft.nplatforms, 28);
    /* packaging (24.1 on): cp313-cp313t-*, cp313-none-*, then the generic tags; no abi3. */
    CU_ASSERT_EQUAL(rank_of(&ft, "torch-2.9.0-cp313-cp313t-manylinux_2_28_x86_64.whl"), 0);
    CU_ASSERT_EQUAL(rank_of(&ft, "foo-1.0-cp313-none-manylinux_2_28_x86_64.whl"), 28);
    CU_ASSERT_EQUAL(rank_of(&ft, "foo-1.0-py313-none-manylinux_2_28_x86_64.whl"), 56);
    CU_ASSERT_EQUAL(rank_of(&ft, "foo-1.0-cp313-none-any.whl"), 2 * 28 + 15 * 28);
    CU_ASSERT_EQUAL(rank_of(&ft, "foo-1.0-py3-none-any.whl"), 2 * 28 + 15 * 28 + 2);
    CU_ASSERT_EQUAL(rank_of(&ft, "torch-2.9.0-cp313-cp313-manylinux_2_28_x86_64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&ft, "foo-1.0-cp313-abi3-manylinux_2_28_x86_64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&ft, "xformers-0.0.32-cp39-abi3-manylinux_2_28_x86_64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&gil, "torch-2.9.0-cp313-cp313t-manylinux_2_28_x86_64.whl"), -1);
    CU_ASSERT_EQUAL(rank_of(&gil, "torch-2.9.0-cp313-cp313-manylinux_2_28_x86_64.whl"), 0);
    CU_ASSERT(rank_of(&gil, "xformers-0.0.32-cp39-abi3-manylinux_2_28_x86_64.whl") > 0);
}

static void test_tag_rank_single_triples(void)
{
    gl_target t;
    init_or_die(&t, "3.11", "manylinux_2_35_x86_64");
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "cp311", "cp311", "manylinux_2_35_x86_64"), 0);
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "cp311", "abi3", "manylinux_2_35_x86_64"), 35);
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "cp311", "none", "manylinux_2_35_x86_64"), 70);
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "cp310", "abi3", "manylinux_2_35_x86_64"), 105);
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "cp32", "abi3", "linux_x86_64"), 105 + 8 * 35 + 34);
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "py311", "none", "manylinux_2_35_x86_64"), 105 + 9 * 35);
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "cp311", "none", "any"), 105 + 9 * 35 + 13 * 35);
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "py30", "none", "any"), 105 + 9 * 35 + 13 * 35 + 13);
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "", "", ""), -1);
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "py", "none", "any"), -1);
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "cp", "none", "any"), -1);
    CU_ASSERT_EQUAL(gl_target_tag_rank(&t, "py3111111111111", "none", "any"), -1);
}

static void test_invalid_targets(void)
{
    const struct {
        const char *python, *platform, *needle;
    } bad[] = {
        {"3", "linux_x86_64", "'3'"},
        {"three", "linux_x86_64", "'three'"},
        {"3.11.x", "linux_x86_64", "'3.11.x'"},
        {"3.11.", "linux_x86_64", "'3.11.'"},
        {"3.011", "linux_x86_64", "'3.011'"},
        {"3.12t", "linux_x86_64", "free-threaded builds exist from 3.13 on"},
        {"3.13tt", "linux_x86_64", "'3.13tt'"},
        {"3.1000", "linux_x86_64", "'3.1000'"},
        {"0.1", "linux_x86_64", "'0.1'"},
        {"", "linux_x86_64", "''"},
        {NULL, "linux_x86_64", "none given"},
        {"3.11", "any", "'any'"},
        {"3.11", "", "''"},
        {"3.11", NULL, "''"},
        {"3.11", "beos_x86", "'beos_x86'"},
        {"3.11", "linux_", "'linux_'"},
        {"3.11", "linux_x86-64", "'linux_x86-64'"},
        {"3.11", "manylinux_3_0_x86_64", "'manylinux_3_0_x86_64'"},
        {"3.11", "manylinux_2_x_x86_64", "'manylinux_2_x_x86_64'"},
        {"3.11", "manylinux_2_35", "'manylinux_2_35'"},
        {"3.11", "manylinux_2_9999_x86_64", "'manylinux_2_9999_x86_64'"},
        {"3.11", "musllinux_1_x86_64", "'musllinux_1_x86_64'"},
        {"3.11", "macosx_9_0_x86_64", "'macosx_9_0_x86_64'"},
        {"4.2.0", "macosx_10_2_x86_64", "no wheel can target it"},
        {"3.11", "macosx_14_0_ppc", "'macosx_14_0_ppc'"},
        {"3.11", "macosx_14_0_universal2", "'macosx_14_0_universal2'"},
        {"3.11", "win_amd65", "'win_amd65'"},
        {"3.11", "manylinux_2_35_x86_64_and_a_very_long_architecture_name_too_long", "too_long"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gl_target t;
        gl_error err;
        gl_error_clear(&err);
        bool ok = gl_target_init(&t, bad[i].python, bad[i].platform, &err);
        if (ok || !strstr(err.message, bad[i].needle))
            fprintf(stderr, "\n%s %s: %s\n", bad[i].python ? bad[i].python : "(null)",
                    bad[i].platform ? bad[i].platform : "(null)", err.message);
        CU_ASSERT_FALSE(ok);
        CU_ASSERT_EQUAL(err.code, GL_EINVAL);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, bad[i].needle));
    }
    gl_target t;
    CU_ASSERT_FALSE(gl_target_init(&t, "3.11", "nope", NULL));
}

static bool satisfies(const gl_target *t, const char *spec)
{
    gl_specifier_set set;
    gl_error err;
    if (!gl_specifier_set_parse(&set, spec, strlen(spec), &err)) {
        fprintf(stderr, "\n%s\n", err.message);
        CU_FAIL("specifier did not parse");
        return false;
    }
    bool ok = gl_target_python_satisfies(t, &set);
    gl_specifier_set_free(&set);
    return ok;
}

static void test_requires_python(void)
{
    gl_target t, micro;
    init_or_die(&t, "3.11", "manylinux_2_35_x86_64");
    init_or_die(&micro, "3.11.4", "manylinux_2_35_x86_64");
    CU_ASSERT_TRUE(gl_target_python_satisfies(&t, NULL));
    CU_ASSERT_TRUE(satisfies(&t, ""));
    CU_ASSERT_TRUE(satisfies(&t, ">=3.10"));
    CU_ASSERT_TRUE(satisfies(&t, ">=3.11.0"));
    CU_ASSERT_TRUE(satisfies(&t, "==3.11.*"));
    CU_ASSERT_TRUE(satisfies(&t, "~=3.11"));
    CU_ASSERT_TRUE(satisfies(&t, ">=3.9,<3.13"));
    CU_ASSERT_TRUE(satisfies(&t, "!=3.10.*"));
    CU_ASSERT_FALSE(satisfies(&t, "<3.11"));
    CU_ASSERT_FALSE(satisfies(&t, ">3.11"));
    CU_ASSERT_FALSE(satisfies(&t, ">=3.12"));
    CU_ASSERT_FALSE(satisfies(&t, "!=3.11.*"));
    /* "3.11" is the version pip compares: the first 3.11. */
    CU_ASSERT_FALSE(satisfies(&t, ">3.11.0"));
    CU_ASSERT_TRUE(satisfies(&micro, ">3.11.0"));
    CU_ASSERT_TRUE(satisfies(&micro, ">=3.11.4"));
    CU_ASSERT_FALSE(satisfies(&micro, ">=3.11.5"));
}

typedef struct env_capture {
    char keys[16][40];
    char values[16][40];
    size_t n;
} env_capture;

static void capture(void *ctx, const char *key, const char *value)
{
    env_capture *c = ctx;
    if (c->n == 16)
        return;
    snprintf(c->keys[c->n], sizeof c->keys[0], "%s", key);
    snprintf(c->values[c->n], sizeof c->values[0], "%s", value);
    c->n++;
}

static const char *value_of(const env_capture *c, const char *key)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->keys[i], key))
            return c->values[i];
    return "(unset)";
}

static void test_marker_values(void)
{
    const struct {
        const char *python, *platform;
        const char *python_version, *full_version, *sys_platform, *system, *machine, *os_name;
    } cases[] = {
        {"3.11", "manylinux_2_35_x86_64", "3.11", "3.11.0", "linux", "Linux", "x86_64", "posix"},
        {"3.12.1", "manylinux_2_28_aarch64", "3.12", "3.12.1", "linux", "Linux", "aarch64", "posix"},
        {"3.13t", "musllinux_1_2_x86_64", "3.13", "3.13.0", "linux", "Linux", "x86_64", "posix"},
        {"3.11", "win_amd64", "3.11", "3.11.0", "win32", "Windows", "AMD64", "nt"},
        {"3.11", "win32", "3.11", "3.11.0", "win32", "Windows", "x86", "nt"},
        {"3.11", "win_arm64", "3.11", "3.11.0", "win32", "Windows", "ARM64", "nt"},
        {"3.10.12", "macosx_14_0_arm64", "3.10", "3.10.12", "darwin", "Darwin", "arm64", "posix"},
        {"3.10", "macosx_10_15_x86_64", "3.10", "3.10.0", "darwin", "Darwin", "x86_64", "posix"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gl_target t;
        init_or_die(&t, cases[i].python, cases[i].platform);
        env_capture c = {.n = 0};
        gl_target_marker_values(&t, capture, &c);
        CU_ASSERT_STRING_EQUAL(value_of(&c, "python_version"), cases[i].python_version);
        CU_ASSERT_STRING_EQUAL(value_of(&c, "python_full_version"), cases[i].full_version);
        CU_ASSERT_STRING_EQUAL(value_of(&c, "implementation_version"), cases[i].full_version);
        CU_ASSERT_STRING_EQUAL(value_of(&c, "sys_platform"), cases[i].sys_platform);
        CU_ASSERT_STRING_EQUAL(value_of(&c, "platform_system"), cases[i].system);
        CU_ASSERT_STRING_EQUAL(value_of(&c, "platform_machine"), cases[i].machine);
        CU_ASSERT_STRING_EQUAL(value_of(&c, "os_name"), cases[i].os_name);
        CU_ASSERT_STRING_EQUAL(value_of(&c, "implementation_name"), "cpython");
        CU_ASSERT_STRING_EQUAL(value_of(&c, "platform_python_implementation"), "CPython");
        CU_ASSERT_EQUAL(c.n, 9);
    }
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite s = CU_add_suite("tags", NULL, NULL);
    CU_add_test(s, "platform lists: length, best and worst", test_platform_lists);
    CU_add_test(s, "glibc list order and legacy aliases", test_glibc_list_order_and_legacy_aliases);
    CU_add_test(s, "real wheels rank as pip ranks them on 8 machines", test_real_wheel_ranks);
    CU_add_test(s, "preference order for CPython 3.11 on glibc 2.35", test_preference_order_cpython_311);
    CU_add_test(s, "wheels a 3.11 glibc 2.35 machine cannot install", test_not_installable);
    CU_add_test(s, "legacy manylinux aliases per architecture", test_legacy_aliases_per_architecture);
    CU_add_test(s, "musllinux", test_musllinux);
    CU_add_test(s, "macOS versions and binary formats", test_macos);
    CU_add_test(s, "Windows", test_windows);
    CU_add_test(s, "free-threaded CPython", test_free_threaded);
    CU_add_test(s, "single tag triples", test_tag_rank_single_triples);
    CU_add_test(s, "invalid targets name the argument", test_invalid_targets);
    CU_add_test(s, "Requires-Python against the target version", test_requires_python);
    CU_add_test(s, "marker values per platform", test_marker_values);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failures ? 1 : CU_get_error();
}
