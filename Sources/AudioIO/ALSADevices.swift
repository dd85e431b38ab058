import CALSA

#if canImport(Glibc)
import Glibc
#endif

/// An ALSA PCM as the configuration describes it.
public struct AudioDevice: Sendable, Equatable {
    /// The name to give `PlaybackConfiguration.device`: "default", "null", "hw:CARD=PCH,DEV=0"…
    public var name: String
    /// ALSA's description, its lines joined with ", " so that it fits on one.
    public var description: String
    /// Whether it can play (its IOID is "Output" or absent, which means both directions).
    public var isPlayback: Bool

    public init(name: String, description: String, isPlayback: Bool) {
        self.name = name
        self.description = description
        self.isPlayback = isPlayback
    }
}

/// What ALSA can play to and send MIDI to. Thread: any.
public enum ALSADevices {
    /// The PCMs that can play, in ALSA's order, from `snd_device_name_hint(-1, "pcm", …)` and
    /// `snd_device_name_get_hint` (NAME, DESC, IOID). Only PCMs the configuration gives a hint
    /// appear (so "null" and "default", and the cards' own); empty when ALSA lists none.
    public static func playbackDevices() -> [AudioDevice] {
        ALSALibrary.silenceErrors()
        var hints: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
        guard snd_device_name_hint(-1, "pcm", &hints) == 0, let hints else { return [] }
        defer { snd_device_name_free_hint(hints) }
        var devices: [AudioDevice] = []
        var index = 0
        while let hint = hints[index] {
            if let device = device(from: hint), device.isPlayback { devices.append(device) }
            index += 1
        }
        return devices
    }

    /// The device one hint describes, or nil when it has no name.
    static func device(from hint: UnsafeMutableRawPointer) -> AudioDevice? {
        guard let name = hintValue(hint, "NAME") else { return nil }
        let lines = hintValue(hint, "DESC")?.split(whereSeparator: \.isNewline) ?? []
        let direction = hintValue(hint, "IOID")
        return AudioDevice(name: name, description: lines.joined(separator: ", "),
                           isPlayback: direction == nil || direction == "Output")
    }

    /// One field of a hint through `snd_device_name_get_hint`, whose string the caller must `free`.
    static func hintValue(_ hint: UnsafeMutableRawPointer, _ field: String) -> String? {
        guard let value = snd_device_name_get_hint(hint, field) else { return nil }
        defer { free(value) }
        return String(cString: value)
    }

    /// The sequencer ports that take MIDI from others ("14:0 Midi Through: Midi Through Port-0"),
    /// through `snd_seq_open` on "default" and `snd_seq_query_next_client`/`_port`; the failure
    /// when there is no sequencer (no /dev/snd/seq gives "snd_seq_open: No such file or directory").
    public static func midiPorts() -> Result<[String], ALSAError> {
        ALSALibrary.silenceErrors()
        return Result { () throws(ALSAError) -> [String] in
            var handle: OpaquePointer?
            try ALSAError.check(snd_seq_open(&handle, "default", SND_SEQ_OPEN_OUTPUT, 0), "snd_seq_open",
                                .openSequencer, device: "default")
            guard let sequencer = handle else {
                throw ALSAError(operation: .openSequencer, device: "default", function: "snd_seq_open", reason: "no handle returned")
            }
            defer { snd_seq_close(sequencer) }
            return try writablePorts(of: sequencer)
        }
    }

    /// Every port, of every client but the system's and our own, that has both the WRITE and
    /// SUBS_WRITE capabilities (so a connection can send to it).
    static func writablePorts(of sequencer: OpaquePointer) throws(ALSAError) -> [String] {
        let client = try allocate("snd_seq_client_info_malloc", snd_seq_client_info_malloc)
        defer { snd_seq_client_info_free(client) }
        let port = try allocate("snd_seq_port_info_malloc", snd_seq_port_info_malloc)
        defer { snd_seq_port_info_free(port) }
        let own = snd_seq_client_id(sequencer)
        var ports: [String] = []
        snd_seq_client_info_set_client(client, -1)
        while snd_seq_query_next_client(sequencer, client) >= 0 {
            let id = snd_seq_client_info_get_client(client)
            guard id != SND_SEQ_CLIENT_SYSTEM, id != own else { continue }
            ports += writablePorts(of: sequencer, client: client, port: port)
        }
        return ports
    }

    /// The writable ports of the client `client` describes, queried into the scratch `port`.
    static func writablePorts(of sequencer: OpaquePointer, client: OpaquePointer, port: OpaquePointer) -> [String] {
        let id = snd_seq_client_info_get_client(client)
        let clientName = snd_seq_client_info_get_name(client).map { String(cString: $0) } ?? ""
        let wanted = UInt32(SND_SEQ_PORT_CAP_WRITE | SND_SEQ_PORT_CAP_SUBS_WRITE)
        var ports: [String] = []
        snd_seq_port_info_set_client(port, id)
        snd_seq_port_info_set_port(port, -1)
        while snd_seq_query_next_port(sequencer, port) >= 0 {
            guard snd_seq_port_info_get_capability(port) & wanted == wanted else { continue }
            let portName = snd_seq_port_info_get_name(port).map { String(cString: $0) } ?? ""
            ports.append("\(id):\(snd_seq_port_info_get_port(port)) \(clientName): \(portName)")
        }
        return ports
    }

    /// Calls one of the sequencer's `*_malloc` functions and returns what it allocated.
    private static func allocate(_ function: String,
                                 _ malloc: (UnsafeMutablePointer<OpaquePointer?>?) -> Int32) throws(ALSAError) -> OpaquePointer {
        var allocated: OpaquePointer?
        try ALSAError.check(malloc(&allocated), function, .listPorts, device: "default")
        guard let allocated else { throw ALSAError(code: -ENOMEM, function: function, operation: .listPorts, device: "default") }
        return allocated
    }
}
