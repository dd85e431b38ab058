#define _GNU_SOURCE
#include "RealtimeProbe.h"
#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stddef.h>

// The C library's own entry points, which glibc exports under these names.
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

static __thread int watching = 0;
static atomic_long allocations = 0;
static atomic_long locks = 0;
static atomic_int interposed = 0;

void probe_watch_this_thread(int on) { watching = on; }
long probe_allocations(void) { return atomic_load(&allocations); }
long probe_locks(void) { return atomic_load(&locks); }
void probe_reset(void) { atomic_store(&allocations, 0); atomic_store(&locks, 0); }
int probe_is_active(void) { return atomic_load(&interposed); }

static inline void count_allocation(void) {
    atomic_store(&interposed, 1);
    if (watching) atomic_fetch_add(&allocations, 1);
}

static inline void count_lock(void) {
    if (watching) atomic_fetch_add(&locks, 1);
}

void *malloc(size_t size) { count_allocation(); return __libc_malloc(size); }
void *calloc(size_t count, size_t size) { count_allocation(); return __libc_calloc(count, size); }
void *realloc(void *pointer, size_t size) { count_allocation(); return __libc_realloc(pointer, size); }
void free(void *pointer) { if (pointer) count_allocation(); __libc_free(pointer); }
void *memalign(size_t alignment, size_t size) { count_allocation(); return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { count_allocation(); return __libc_memalign(alignment, size); }

int posix_memalign(void **result, size_t alignment, size_t size) {
    count_allocation();
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return 22; // EINVAL
    void *pointer = __libc_memalign(alignment, size);
    if (!pointer) return 12; // ENOMEM
    *result = pointer;
    return 0;
}

// Lock functions: the real ones are looked up on first use (the Swift runtime locks before any
// constructor of ours could run).
typedef int (*mutex_function)(pthread_mutex_t *);
typedef int (*rwlock_function)(pthread_rwlock_t *);
typedef int (*condition_wait_function)(pthread_cond_t *, pthread_mutex_t *);
typedef int (*semaphore_function)(sem_t *);

static mutex_function real_mutex_lock, real_mutex_trylock;
static rwlock_function real_rdlock, real_wrlock;
static condition_wait_function real_cond_wait;
static semaphore_function real_sem_wait;

#define REAL(pointer, type, name) \
    (pointer ? pointer : (pointer = (type)dlsym(RTLD_NEXT, name)))

int pthread_mutex_lock(pthread_mutex_t *mutex) {
    count_lock();
    return REAL(real_mutex_lock, mutex_function, "pthread_mutex_lock")(mutex);
}

int pthread_mutex_trylock(pthread_mutex_t *mutex) {
    count_lock();
    return REAL(real_mutex_trylock, mutex_function, "pthread_mutex_trylock")(mutex);
}

int pthread_rwlock_rdlock(pthread_rwlock_t *lock) {
    count_lock();
    return REAL(real_rdlock, rwlock_function, "pthread_rwlock_rdlock")(lock);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *lock) {
    count_lock();
    return REAL(real_wrlock, rwlock_function, "pthread_rwlock_wrlock")(lock);
}

int pthread_cond_wait(pthread_cond_t *condition, pthread_mutex_t *mutex) {
    count_lock();
    if (!real_cond_wait) real_cond_wait = (condition_wait_function)dlvsym(RTLD_NEXT, "pthread_cond_wait", "GLIBC_2.3.2");
    return real_cond_wait(condition, mutex);
}

int sem_wait(sem_t *semaphore) {
    count_lock();
    return REAL(real_sem_wait, semaphore_function, "sem_wait")(semaphore);
}
