/// Feature-wise modulation by a conditioning vector (FiLM, or DiT's adaptive layer norm): each
/// batch item's row of `modulation` (B, M) holds shifts, scales and gates, side by side, at the
/// column offsets the caller names.

/// out (B, T, C) = input ⊙ (1 + scale[b]) + shift[b], with scale and shift read at modulation[b, scaleColumn...]
/// and modulation[b, shiftColumn...].
@inlinable
public func modulateForward<T>(out: Tensor<T>, input: Tensor<T>, modulation: Tensor<T>, shiftColumn: Int, scaleColumn: Int) {
    let (batch, steps, channels) = (input.dimension(0), input.dimension(1), input.dimension(2))
    let width = modulation.dimension(1)
    precondition(out.count == input.count && modulation.dimension(0) == batch
                 && shiftColumn + channels <= width && scaleColumn + channels <= width, "modulateForward: shapes")
    for b in 0..<batch {
        let shift = modulation.data + b * width + shiftColumn, scale = modulation.data + b * width + scaleColumn
        for t in 0..<steps {
            let x = input.data + (b * steps + t) * channels, y = out.data + (b * steps + t) * channels
            for c in 0..<channels { y[c] = x[c] * (1 + scale[c]) + shift[c] }
        }
    }
}

/// gradInput += gradOut ⊙ (1 + scale); the shift's gradient is gradOut summed over time, the
/// scale's gradOut ⊙ input summed over time.
@inlinable
public func modulateBackward<T>(gradInput: Tensor<T>, gradModulation: Tensor<T>, gradOut: Tensor<T>, input: Tensor<T>,
                                modulation: Tensor<T>, shiftColumn: Int, scaleColumn: Int) {
    let (batch, steps, channels) = (input.dimension(0), input.dimension(1), input.dimension(2))
    let width = modulation.dimension(1)
    for b in 0..<batch {
        let scale = modulation.data + b * width + scaleColumn
        let dShift = gradModulation.data + b * width + shiftColumn, dScale = gradModulation.data + b * width + scaleColumn
        for t in 0..<steps {
            let row = (b * steps + t) * channels
            let x = input.data + row, dy = gradOut.data + row, dx = gradInput.data + row
            for c in 0..<channels {
                dx[c] += dy[c] * (1 + scale[c])
                dShift[c] += dy[c]
                dScale[c] += dy[c] * x[c]
            }
        }
    }
}

/// out (B, T, C) = residual + gate[b] ⊙ input: a residual branch added through a learned gate
/// read at modulation[b, gateColumn...]. Without `residual`, out itself is the residual (+=).
@inlinable
public func gatedAddForward<T>(out: Tensor<T>, residual: Tensor<T>? = nil, input: Tensor<T>, modulation: Tensor<T>, gateColumn: Int) {
    let (batch, steps, channels) = (input.dimension(0), input.dimension(1), input.dimension(2))
    let width = modulation.dimension(1)
    precondition(out.count == input.count && (residual?.count ?? out.count) == out.count && modulation.dimension(0) == batch
                 && gateColumn + channels <= width, "gatedAddForward: shapes")
    let from = residual?.data ?? out.data
    for b in 0..<batch {
        let gate = modulation.data + b * width + gateColumn
        for t in 0..<steps {
            let row = (b * steps + t) * channels
            let x = input.data + row, r = from + row, y = out.data + row
            for c in 0..<channels { y[c] = r[c] + gate[c] * x[c] }
        }
    }
}

/// gradInput += gradOut ⊙ gate; the gate's gradient is gradOut ⊙ input summed over time. (The
/// residual path's gradient is gradOut itself, which the caller keeps.)
@inlinable
public func gatedAddBackward<T>(gradInput: Tensor<T>, gradModulation: Tensor<T>, gradOut: Tensor<T>, input: Tensor<T>,
                                modulation: Tensor<T>, gateColumn: Int) {
    let (batch, steps, channels) = (input.dimension(0), input.dimension(1), input.dimension(2))
    let width = modulation.dimension(1)
    for b in 0..<batch {
        let gate = modulation.data + b * width + gateColumn, dGate = gradModulation.data + b * width + gateColumn
        for t in 0..<steps {
            let row = (b * steps + t) * channels
            let x = input.data + row, dy = gradOut.data + row, dx = gradInput.data + row
            for c in 0..<channels {
                dx[c] += dy[c] * gate[c]
                dGate[c] += dy[c] * x[c]
            }
        }
    }
}
