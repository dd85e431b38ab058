import AudioIO

/// The transport's audio side renders for an ALSA device or the silent output.
extension TransportAudio: AudioRenderer {}
