pragma circom 2.1.0;

include "lib/scoreRecord.circom";

// The SN2 proof-of-weights incentive over a batch of score-update records (spec §5.3).
// Public signals: the outputs, then every input in the order declared here (spec §3.2).
template IncentiveMechanism(batch) {
    var S = 100000000;

    signal input maximum_score[batch];
    signal input previous_score[batch];
    signal input verified[batch];
    signal input proof_size[batch];
    signal input response_time[batch];
    signal input competition[batch];
    signal input maximum_response_time[batch];
    signal input minimum_response_time[batch];
    signal input validator_uid[batch];
    signal input block_number[batch];
    signal input miner_uid[batch];
    signal input scaling;
    signal input RATE_OF_DECAY;
    signal input RATE_OF_RECOVERY;
    signal input FLATTENING_COEFFICIENT;
    signal input COMPETITION_WEIGHT;
    signal input PROOF_SIZE_WEIGHT;
    signal input PROOF_SIZE_THRESHOLD;
    signal input RESPONSE_TIME_WEIGHT;
    signal input MAXIMUM_RESPONSE_TIME_DECIMAL;

    signal output new_score[batch];
    signal output block_number_out[batch];
    signal output miner_uid_out[batch];
    signal output validator_uid_out[batch];

    // The polynomial constants are written for S = 1e8; any other scale would silently rescale.
    scaling === S;
    // Rates and the response-time cap are fractions of S; weights are bounded like record values.
    component decayRange = AtMost(S);
    decayRange.in <== RATE_OF_DECAY;
    component recoveryRange = AtMost(S);
    recoveryRange.in <== RATE_OF_RECOVERY;
    component capRange = AtMost(S);
    capRange.in <== MAXIMUM_RESPONSE_TIME_DECIMAL;
    component compWeightRange = RangeCheck(40);
    compWeightRange.in <== COMPETITION_WEIGHT;
    component rtWeightRange = RangeCheck(40);
    rtWeightRange.in <== RESPONSE_TIME_WEIGHT;

    component records[batch];
    for (var i = 0; i < batch; i++) {
        records[i] = ScoreRecord();
        records[i].maximum_score <== maximum_score[i];
        records[i].previous_score <== previous_score[i];
        records[i].verified <== verified[i];
        records[i].response_time <== response_time[i];
        records[i].competition <== competition[i];
        records[i].maximum_response_time <== maximum_response_time[i];
        records[i].minimum_response_time <== minimum_response_time[i];
        records[i].rate_of_decay <== RATE_OF_DECAY;
        records[i].rate_of_recovery <== RATE_OF_RECOVERY;
        records[i].competition_weight <== COMPETITION_WEIGHT;
        records[i].response_time_weight <== RESPONSE_TIME_WEIGHT;
        records[i].maximum_response_time_decimal <== MAXIMUM_RESPONSE_TIME_DECIMAL;
        new_score[i] <== records[i].new_score;
        block_number_out[i] <== block_number[i];
        miner_uid_out[i] <== miner_uid[i];
        validator_uid_out[i] <== validator_uid[i];
    }
}
