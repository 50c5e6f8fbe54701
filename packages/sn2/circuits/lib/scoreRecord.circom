pragma circom 2.1.0;

include "integer.circom";

// One score update of the SN2 incentive at scale S = 1e8 (spec §5.3). Record inputs must be
// below 2^40; the rates and MAXIMUM_RESPONSE_TIME_DECIMAL are checked to lie in [0, S] by the
// caller (IncentiveMechanism), which keeps every product below the bounds used here.
template ScoreRecord() {
    var S = 100000000;
    var HALF = 50000000;

    signal input maximum_score;
    signal input previous_score;
    signal input verified;
    signal input response_time;
    signal input competition;
    signal input maximum_response_time;
    signal input minimum_response_time;
    signal input rate_of_decay;
    signal input rate_of_recovery;
    signal input competition_weight;
    signal input response_time_weight;
    signal input maximum_response_time_decimal;
    signal output new_score;

    component ranges[6];
    for (var i = 0; i < 6; i++) {
        ranges[i] = RangeCheck(40);
    }
    ranges[0].in <== maximum_score;
    ranges[1].in <== previous_score;
    ranges[2].in <== response_time;
    ranges[3].in <== competition;
    ranges[4].in <== maximum_response_time;
    ranges[5].in <== minimum_response_time;
    component verifiedBit = AssertBit();
    verifiedBit.in <== verified;

    // xn = min((r - rmin) * S / (rmax - rmin), decimal cap); a response faster than rmin counts
    // as rmin, and a zero or negative spread counts as one second (as the float formula does).
    component faster = LessThan(40);
    faster.in[0] <== response_time;
    faster.in[1] <== minimum_response_time;
    signal elapsed <== (1 - faster.out) * (response_time - minimum_response_time);
    component hasSpread = LessThan(40);
    hasSpread.in[0] <== minimum_response_time;
    hasSpread.in[1] <== maximum_response_time;
    signal spread <== hasSpread.out * (maximum_response_time - minimum_response_time - S) + S;
    component xDiv = IntDiv(67, 40);
    xDiv.a <== elapsed * S;
    xDiv.b <== spread;
    component xCap = MinOf(67);
    xCap.a <== xDiv.q;
    xCap.b <== maximum_response_time_decimal;
    signal xn <== xCap.out;

    // P(x) = 0.5 + (20/121)(x - 0.5) + (4/121)(x - 0.5)^3 + (1600/121)(x - 0.5)^5 at scale S.
    // The odd powers are taken on |x - 0.5| and signed afterwards (truncation towards zero).
    component belowHalf = LessThan(27);
    belowHalf.in[0] <== xn;
    belowHalf.in[1] <== HALF;
    signal ad <== (1 - 2 * belowHalf.out) * (xn - HALF);
    signal ad2 <== ad * ad;
    signal ad3 <== ad2 * ad;
    signal ad5 <== ad3 * ad2;
    component linear = IntDivConst(25, 121);
    linear.a <== 20 * xn;
    component cubic = IntDivConst(20, 302500000000000000);
    cubic.a <== ad3;
    component quintic = IntDivConst(27, 7562500000000000000000000000000);
    quintic.a <== ad5;
    signal curve <== 41735537 + linear.q + (1 - 2 * belowHalf.out) * (cubic.q + quintic.q);

    // frac = clamp((S - P) * RT_WEIGHT / S + competition * COMPETITION_WEIGHT / S, 0, S)
    signal rtProduct <== (S - curve) * response_time_weight;
    component rtMetric = IntDivConst(40, S);
    rtMetric.a <== rtProduct;
    signal compProduct <== competition * competition_weight;
    component compMetric = IntDivConst(54, S);
    compMetric.a <== compProduct;
    component fracCap = MinOf(55);
    fracCap.a <== rtMetric.q + compMetric.q;
    fracCap.b <== S;

    signal targetProduct <== maximum_score * fracCap.out;
    component target = IntDivConst(40, S);
    target.a <== targetProduct;

    // verified: move RATE_OF_RECOVERY of the distance towards the target.
    component rising = LessThan(40);
    rising.in[0] <== previous_score;
    rising.in[1] <== target.q;
    signal distance <== (2 * rising.out - 1) * (target.q - previous_score);
    signal stepProduct <== rate_of_recovery * distance;
    component step = IntDivConst(40, S);
    step.a <== stepProduct;
    signal recovered <== previous_score + (2 * rising.out - 1) * step.q;

    // unverified: lose RATE_OF_DECAY of the previous score.
    signal decayProduct <== rate_of_decay * previous_score;
    component decay = IntDivConst(40, S);
    decay.a <== decayProduct;

    new_score <== verified * (recovered - previous_score + decay.q) + previous_score - decay.q;
}
