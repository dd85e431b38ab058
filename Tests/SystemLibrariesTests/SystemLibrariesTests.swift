import CALSA
import CNCursesW
import COpenBLAS
import CSndFile
import Testing

/// The four C libraries link through their module maps, and each answers a call that needs no
/// device: proof that the setup installed every -dev package the layers above will use.
@Suite struct SystemLibrariesTests {
    @Test func openBLASComputesADotProduct() {
        let x: [Float] = [1, 2, 3], y: [Float] = [4, 5, 6]
        #expect(cblas_sdot(3, x, 1, y, 1) == 32)
    }

    @Test func openBLASComputesAMatrixProduct() {
        // (2x3) * (3x2) in row-major order.
        let a: [Float] = [1, 2, 3, 4, 5, 6], b: [Float] = [7, 8, 9, 10, 11, 12]
        var c = [Float](repeating: 0, count: 4)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1, a, 3, b, 2, 0, &c, 2)
        #expect(c == [58, 64, 139, 154])
    }

    @Test func alsaLibReportsItsVersion() {
        let version = String(cString: snd_asoundlib_version())
        #expect(version.split(separator: ".").count >= 2)
    }

    @Test func libsndfileReportsItsVersion() {
        var buffer = [CChar](repeating: 0, count: 128)
        sf_command(nil, Int32(SFC_GET_LIB_VERSION), &buffer, Int32(buffer.count))
        #expect(String(cString: buffer).hasPrefix("libsndfile"))
    }

    @Test func ncursesReportsAWideCharacterBuild() {
        #expect(String(cString: curses_version()).hasPrefix("ncurses"))
        // `setcchar` exists only in the wide-character API that the shim switches on.
        var cell = cchar_t()
        var text: [wchar_t] = [0x266D, 0] // ♭
        #expect(setcchar(&cell, &text, 0, 0, nil) == OK)
    }
}
