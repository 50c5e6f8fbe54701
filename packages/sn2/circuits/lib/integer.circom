pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Integer helpers for fixed-point scoring. Every hint (`<--`) below is pinned by a constraint and
// every value fed to a comparator is range-checked first: an unchecked comparator input can wrap
// around the field and make the comparison lie, which is how under-constrained score circuits
// let a prover choose its own output.

function bitLength(x) {
    var n = 0;
    var v = x;
    while (v > 0) {
        v = v \ 2;
        n++;
    }
    return n;
}

// 0 <= in < 2^n.
template RangeCheck(n) {
    signal input in;
    component bits = Num2Bits(n);
    bits.in <== in;
}

// in is 0 or 1.
template AssertBit() {
    signal input in;
    in * (in - 1) === 0;
}

// 0 <= in <= max for a constant max.
template AtMost(max) {
    signal input in;
    var n = bitLength(max);
    component low = RangeCheck(n);
    low.in <== in;
    component high = RangeCheck(n);
    high.in <== max - in;
}

// floor(a / b) for a signal divisor. The caller guarantees 0 < b < 2^bBits by construction.
// q < 2^qBits and 0 <= r < b, with qBits + bBits <= 252, so q * b + r cannot wrap the field and
// (q, r) is the unique integer quotient and remainder.
template IntDiv(qBits, bBits) {
    assert(qBits + bBits <= 252);
    signal input a;
    signal input b;
    signal output q;
    signal output r;
    q <-- a \ b;
    r <-- a % b;
    a === q * b + r;
    component qRange = RangeCheck(qBits);
    qRange.in <== q;
    component rRange = RangeCheck(bBits);
    rRange.in <== r;
    component rBelowB = LessThan(bBits);
    rBelowB.in[0] <== r;
    rBelowB.in[1] <== b;
    rBelowB.out === 1;
}

// floor(a / d) for a constant divisor d > 0, with q < 2^qBits.
template IntDivConst(qBits, d) {
    var dBits = bitLength(d);
    assert(qBits + dBits <= 252);
    signal input a;
    signal output q;
    signal r;
    q <-- a \ d;
    r <-- a % d;
    a === q * d + r;
    component qRange = RangeCheck(qBits);
    qRange.in <== q;
    component rRange = AtMost(d - 1);
    rRange.in <== r;
}

// min(a, b) for a, b < 2^n.
template MinOf(n) {
    signal input a;
    signal input b;
    signal output out;
    component lt = LessThan(n);
    lt.in[0] <== a;
    lt.in[1] <== b;
    out <== lt.out * (a - b) + b;
}
