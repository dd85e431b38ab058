// Counts allocations and lock calls made by the threads that ask to be watched: the proof that
// the audio thread neither allocates nor locks (see StudioTests/RealtimeSafetyTests.swift).
//
// Linked into the test executable, this file's malloc, free and friends, and pthread_mutex_lock
// and friends, take the place of the C library's for the whole process (an executable's symbols
// win over a shared library's). They count a call when the calling thread has called
// probe_watch_this_thread(1), and hand every call on to the C library.
#ifndef REALTIME_PROBE_H
#define REALTIME_PROBE_H

/// Starts (1) or stops (0) counting the calling thread's allocations and locks.
void probe_watch_this_thread(int watching);
/// Allocation calls (malloc, calloc, realloc, free, memalign...) by watched threads since the last reset.
long probe_allocations(void);
/// Lock calls (mutex lock and trylock, rwlock, condition and semaphore waits) by watched threads.
long probe_locks(void);
void probe_reset(void);
/// Whether the interposed functions are the ones the process calls (1), so a count of zero means something.
int probe_is_active(void);

#endif
