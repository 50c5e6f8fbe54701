pragma circom 2.1.0;

include "lib/integer.circom";

// A small fixed-point MLP used as an SN2 proof-of-computation circuit: 5 inputs -> 8 ReLU -> 2.
// Inputs are fixed point with 16 fractional bits in [0, 1); weights have 7 fractional bits and
// biases 23 (= 16 + 7), so a dot product plus bias lands at scale 2^23 and a 7-bit shift brings
// the hidden layer back to scale 2^16. Outputs are signed integers at scale 2^23 (negative values
// appear as field elements p - |y|). `nonce` makes every request distinct (spec §3.2).

// relu(z) >> 7 for |z| < 2^30, via the bits of z + 2^30: bit 30 says z >= 0.
template ReluShift7() {
    signal input in;
    signal output out;
    component bits = Num2Bits(31);
    bits.in <== in + (1 << 30);
    var magnitude = 0;
    for (var k = 7; k < 30; k++) {
        magnitude += bits.out[k] * (1 << (k - 7));
    }
    out <== bits.out[30] * magnitude;
}

template Mlp() {
    var W1[8][5] = [
        [-78, -93, 124, 100, -19], [15, 43, -21, 16, 6], [65, 70, 50, -96, 115],
        [93, 81, -122, 56, 127], [-13, -100, -55, -48, -69], [-89, 21, 64, -100, -105],
        [109, 71, 12, -40, 85], [77, 107, -114, -19, 121]
    ];
    var B1[8] = [-49964, -704824, -3305035, 4144210, 1976380, 2086246, -1991353, -214587];
    var W2[2][8] = [
        [105, 114, 58, -15, -42, -10, -39, -104],
        [-1, -90, 94, -58, 35, -51, -50, -34]
    ];
    var B2[2] = [2647779, 2418408];

    signal input list_items[5];
    signal input nonce;
    signal output scores[2];

    component inputRange[5];
    for (var i = 0; i < 5; i++) {
        inputRange[i] = RangeCheck(16);
        inputRange[i].in <== list_items[i];
    }
    component nonceRange = RangeCheck(32);
    nonceRange.in <== nonce;

    component hidden[8];
    for (var j = 0; j < 8; j++) {
        var z = B1[j];
        for (var i = 0; i < 5; i++) {
            z += W1[j][i] * list_items[i];
        }
        hidden[j] = ReluShift7();
        hidden[j].in <== z;
    }
    for (var k = 0; k < 2; k++) {
        var y = B2[k];
        for (var j = 0; j < 8; j++) {
            y += W2[k][j] * hidden[j].out;
        }
        scores[k] <== y;
    }
}
