/* heap_tuning.h — how the gpulock process asks the C library and the kernel for memory.
 * A warm resolution allocates some 10 MB during a life of a few tens of milliseconds; on the
 * small virtual machines it runs on, page faults were a third of that life. */
#ifndef GL_HEAP_TUNING_H
#define GL_HEAP_TUNING_H

/* Call first thing in main, before anything large is allocated. Never fails: where a setting
 * is not available (another C library, a sanitizer's allocator, no transparent huge pages),
 * memory is simply obtained the default way. */
void gl_heap_tune_for_short_run(void);

#endif
