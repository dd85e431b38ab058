#include <alsa/asoundlib.h>

/* alsa-lib's error handler type is variadic, which Swift cannot implement; this one drops every
   message, so that a failure reaches the user once, as the caller's own error text. */
__attribute__((unused))
static void sideman_alsa_silent_error_handler(const char *file, int line, const char *function, int err,
                                              const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

/** Installs the silent handler with snd_lib_error_set_handler; returns its status (0 on success). */
static inline int sideman_alsa_silence_errors(void) {
    return snd_lib_error_set_handler(sideman_alsa_silent_error_handler);
}
