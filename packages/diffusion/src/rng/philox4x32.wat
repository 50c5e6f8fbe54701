;; Philox4x32-10 over consecutive counters, four blocks at a time in SIMD lanes.
;;
;; The same generator as philox.ts (Random123's known-answer vectors are checked against both), for
;; the engine's key (seed, 0) and counters (block, draw, 0, 0). Lane l of each i32x4 holds word m of
;; block `block + l`; the 32×32→64 products are i64x2.extmul of u32 lanes, so the high words are exact.
;; Compiled to philoxWasmModule.ts by scripts/wasm/generatePhiloxWasm.ts (kept in sync by a test).
(module
  ;; One page: 4096 blocks of four u32 words, the chunk gaussian.ts converts while it is in cache.
  (memory (export "memory") 1 1)

  ;; Writes blocks [block, block + count) to memory as u32 words, block-major, from byte 0.
  ;; count is rounded up to a multiple of 4 (the lanes): at most 4096.
  (func (export "philox")
    (param $block i32) (param $count i32) (param $draw i32) (param $seed i32)
    (local $dst i32) (local $end i32) (local $round i32)
    (local $k0 i32) (local $k1 i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $lo0 v128) (local $lo1 v128) (local $hi0 v128) (local $hi1 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $end (i32.shl (local.get $count) (i32.const 4)))
    (block $done
      (loop $quad
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (local.set $x0 (i32x4.add (i32x4.splat (local.get $block)) (v128.const i32x4 0 1 2 3)))
        (local.set $x1 (i32x4.splat (local.get $draw)))
        (local.set $x2 (v128.const i32x4 0 0 0 0))
        (local.set $x3 (v128.const i32x4 0 0 0 0))
        (local.set $k0 (local.get $seed))
        (local.set $k1 (i32.const 0))
        (local.set $round (i32.const 10))
        (loop $rounds
          ;; (hi, lo) = M0·x0 and M1·x2
          (local.set $lo0 (i32x4.mul (local.get $x0) (v128.const i32x4 0xd2511f53 0xd2511f53 0xd2511f53 0xd2511f53)))
          (local.set $lo1 (i32x4.mul (local.get $x2) (v128.const i32x4 0xcd9e8d57 0xcd9e8d57 0xcd9e8d57 0xcd9e8d57)))
          (local.set $hi0
            (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31
              (i64x2.extmul_low_i32x4_u (local.get $x0) (v128.const i32x4 0xd2511f53 0xd2511f53 0xd2511f53 0xd2511f53))
              (i64x2.extmul_high_i32x4_u (local.get $x0) (v128.const i32x4 0xd2511f53 0xd2511f53 0xd2511f53 0xd2511f53))))
          (local.set $hi1
            (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31
              (i64x2.extmul_low_i32x4_u (local.get $x2) (v128.const i32x4 0xcd9e8d57 0xcd9e8d57 0xcd9e8d57 0xcd9e8d57))
              (i64x2.extmul_high_i32x4_u (local.get $x2) (v128.const i32x4 0xcd9e8d57 0xcd9e8d57 0xcd9e8d57 0xcd9e8d57))))
          (local.set $x0 (v128.xor (v128.xor (local.get $hi1) (local.get $x1)) (i32x4.splat (local.get $k0))))
          (local.set $x2 (v128.xor (v128.xor (local.get $hi0) (local.get $x3)) (i32x4.splat (local.get $k1))))
          (local.set $x1 (local.get $lo1))
          (local.set $x3 (local.get $lo0))
          ;; key schedule (Weyl constants)
          (local.set $k0 (i32.add (local.get $k0) (i32.const 0x9e3779b9)))
          (local.set $k1 (i32.add (local.get $k1) (i32.const 0xbb67ae85)))
          (local.set $round (i32.sub (local.get $round) (i32.const 1)))
          (br_if $rounds (local.get $round)))
        ;; 4×4 transpose: lanes (blocks) × vectors (words) → four blocks of four consecutive words
        (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $x0) (local.get $x1)))
        (local.set $t1 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $x2) (local.get $x3)))
        (local.set $t2 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $x0) (local.get $x1)))
        (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $x2) (local.get $x3)))
        (v128.store offset=0 (local.get $dst)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t1)))
        (v128.store offset=16 (local.get $dst)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t1)))
        (v128.store offset=32 (local.get $dst)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t2) (local.get $t3)))
        (v128.store offset=48 (local.get $dst)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t2) (local.get $t3)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
        (local.set $block (i32.add (local.get $block) (i32.const 4)))
        (br $quad))))
)
