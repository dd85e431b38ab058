// AudioIO: sound in and out of the process, knowing no music theory.
//
// - `SoundFile` writes and reads audio files through libsndfile (WAV, FLAC, Ogg Vorbis), atomically on
//   write, with `AudioIOError` as the one error type for file failures.
// - ALSA playback and MIDI ports live beside it and use the same planar `AudioBuffer`.
