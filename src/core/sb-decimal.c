/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-decimal.c: parses positive decimal factors exactly and computes
 * round(value × multiplier × 10^exp10 / divisor), half away from zero, on
 * 512-bit unsigned integers (16 limbs of 32 bits), dividing with the
 * compiler's 128-bit arithmetic when both sides fit.  The inputs are bounded
 * (64-bit value, multiplier and divisor, |exp10| ≤ 96) so the intermediate
 * products always fit; only the final result can overflow 64 bits, and
 * that is reported, never wrapped.
 */
#include "config.h"

#include <string.h>

#include "sb-decimal.h"

#define N_LIMBS 16
#define MAX_EXP10 96

typedef struct {
  guint32 limb[N_LIMBS];  /* little-endian */
} Big;

static void
big_set_u64 (Big     *big,
             guint64  value)
{
  memset (big, 0, sizeof *big);
  big->limb[0] = (guint32) value;
  big->limb[1] = (guint32) (value >> 32);
}

/* big *= factor.  The callers' bounds keep the product inside N_LIMBS. */
static void
big_mul_u32 (Big     *big,
             guint32  factor)
{
  guint64 carry = 0;

  for (guint i = 0; i < N_LIMBS; i++)
    {
      guint64 t = (guint64) big->limb[i] * factor + carry;

      big->limb[i] = (guint32) t;
      carry = t >> 32;
    }
  g_assert (carry == 0);
}

static void
big_add (Big       *big,
         const Big *other)
{
  guint64 carry = 0;

  for (guint i = 0; i < N_LIMBS; i++)
    {
      guint64 t = (guint64) big->limb[i] + other->limb[i] + carry;

      big->limb[i] = (guint32) t;
      carry = t >> 32;
    }
  g_assert (carry == 0);
}

static void
big_mul_u64 (Big     *big,
             guint64  factor)
{
  Big high = *big;

  /* big × (hi·2^32 + lo) = ((big × hi) << 32) + big × lo */
  big_mul_u32 (&high, (guint32) (factor >> 32));
  g_assert (high.limb[N_LIMBS - 1] == 0);
  memmove (&high.limb[1], &high.limb[0], (N_LIMBS - 1) * sizeof (guint32));
  high.limb[0] = 0;
  big_mul_u32 (big, (guint32) factor);
  big_add (big, &high);
}

static void
big_mul_pow10 (Big  *big,
               guint exp10)
{
  for (; exp10 >= 9; exp10 -= 9)
    big_mul_u32 (big, 1000000000u);
  for (; exp10 > 0; exp10--)
    big_mul_u32 (big, 10);
}

static int
big_compare (const Big *a,
             const Big *b)
{
  for (int i = N_LIMBS - 1; i >= 0; i--)
    {
      if (a->limb[i] != b->limb[i])
        return a->limb[i] < b->limb[i] ? -1 : 1;
    }
  return 0;
}

static void
big_sub (Big       *big,
         const Big *other)
{
  gint64 borrow = 0;

  for (guint i = 0; i < N_LIMBS; i++)
    {
      gint64 t = (gint64) big->limb[i] - other->limb[i] - borrow;

      borrow = t < 0;
      big->limb[i] = (guint32) (t + (borrow << 32));
    }
  g_assert (borrow == 0);
}

/* big = big << 1 | bit */
static void
big_shift_in (Big  *big,
              guint bit)
{
  for (int i = N_LIMBS - 1; i > 0; i--)
    big->limb[i] = (big->limb[i] << 1) | (big->limb[i - 1] >> 31);
  big->limb[0] = (big->limb[0] << 1) | bit;
}

static int
big_bit_length (const Big *big)
{
  for (int i = N_LIMBS - 1; i >= 0; i--)
    {
      if (big->limb[i] != 0)
        return i * 32 + 32 - __builtin_clz (big->limb[i]);
    }
  return 0;
}

static unsigned __int128
big_get_u128 (const Big *big)
{
  unsigned __int128 value = 0;

  for (int i = 3; i >= 0; i--)
    value = (value << 32) | big->limb[i];
  return value;
}

static void
big_set_u128 (Big               *big,
              unsigned __int128  value)
{
  memset (big, 0, sizeof *big);
  for (guint i = 0; i < 4; i++)
    {
      big->limb[i] = (guint32) value;
      value >>= 32;
    }
}

/* Quotient and remainder of num / den, den ≠ 0: the compiler's 128-bit
 * division when both fit (the usual case), else binary long division. */
static void
big_divmod (const Big *num,
            const Big *den,
            Big       *quotient,
            Big       *remainder)
{
  if (big_bit_length (num) <= 128 && big_bit_length (den) <= 128)
    {
      unsigned __int128 n = big_get_u128 (num), d = big_get_u128 (den);

      big_set_u128 (quotient, n / d);
      big_set_u128 (remainder, n % d);
      return;
    }
  memset (quotient, 0, sizeof *quotient);
  memset (remainder, 0, sizeof *remainder);
  for (int bit = big_bit_length (num) - 1; bit >= 0; bit--)
    {
      big_shift_in (remainder, (num->limb[bit / 32] >> (bit % 32)) & 1);
      if (big_compare (remainder, den) >= 0)
        {
          big_sub (remainder, den);
          quotient->limb[bit / 32] |= 1u << (bit % 32);
        }
    }
}

/**
 * sb_decimal_parse:
 * @text: a plain non-negative decimal such as "1385.20", "0.08" or "1"
 * @out: (out): the value
 *
 * Strict: digits with at most one decimal point, no sign, no exponent, no
 * spaces; its digits without leading zeros and trailing fraction zeros
 * must fit in 64 bits (any 19 do), with at most %SB_DECIMAL_MAX_SCALE
 * digits after the point.
 *
 * Returns: %FALSE when @text is not such a number
 */
gboolean
sb_decimal_parse (const char *text,
                  SbDecimal  *out)
{
  const char *point, *end;
  guint64 mantissa = 0;
  guint scale = 0;
  gsize n_digits = 0;

  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (*p != '.')
        return FALSE;
    }
  point = strchr (text, '.');
  if (n_digits == 0 || (point != NULL && strchr (point + 1, '.') != NULL))
    return FALSE;

  /* Trailing zeros of the fraction carry no value: leave them out. */
  end = text + strlen (text);
  if (point != NULL)
    {
      while (end > point + 1 && end[-1] == '0')
        end--;
    }
  for (const char *p = text; p < end; p++)
    {
      if (*p == '.')
        continue;
      if (point != NULL && p > point && ++scale > SB_DECIMAL_MAX_SCALE)
        return FALSE;
      if (mantissa > (G_MAXUINT64 - (guint64) (*p - '0')) / 10)
        return FALSE;
      mantissa = mantissa * 10 + (guint64) (*p - '0');
    }
  out->mantissa = mantissa;
  out->scale = mantissa == 0 ? 0 : scale;
  return TRUE;
}

/**
 * sb_decimal_is_zero:
 */
gboolean
sb_decimal_is_zero (const SbDecimal *decimal)
{
  return decimal->mantissa == 0;
}

/**
 * sb_decimal_compare:
 *
 * Returns: -1, 0 or 1 as @a is less than, equal to or greater than @b
 */
int
sb_decimal_compare (const SbDecimal *a,
                    const SbDecimal *b)
{
  Big left, right;

  big_set_u64 (&left, a->mantissa);
  big_set_u64 (&right, b->mantissa);
  if (a->scale < b->scale)
    big_mul_pow10 (&left, b->scale - a->scale);
  else
    big_mul_pow10 (&right, a->scale - b->scale);
  return big_compare (&left, &right);
}

/**
 * sb_decimal_mul_div:
 * @value: a signed amount in minor units
 * @multiplier: a non-negative integer factor
 * @divisor: a positive integer divisor
 * @exp10: a power of ten to scale by, between -96 and 96
 * @out: (out): value × multiplier × 10^exp10 / divisor, rounded once, half
 *   away from zero
 *
 * Returns: %FALSE when the divisor is zero or the result does not fit in
 *   a #gint64 (its magnitude passes %G_MAXINT64); @out is then untouched
 */
gboolean
sb_decimal_mul_div (gint64   value,
                    guint64  multiplier,
                    guint64  divisor,
                    int      exp10,
                    gint64  *out)
{
  Big num, den, quotient, remainder, limit;
  guint64 magnitude;

  g_return_val_if_fail (exp10 >= -MAX_EXP10 && exp10 <= MAX_EXP10, FALSE);
  if (divisor == 0)
    return FALSE;
  magnitude = value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;

  big_set_u64 (&num, magnitude);
  big_mul_u64 (&num, multiplier);
  big_set_u64 (&den, divisor);
  if (exp10 > 0)
    big_mul_pow10 (&num, (guint) exp10);
  else
    big_mul_pow10 (&den, (guint) -exp10);

  big_divmod (&num, &den, &quotient, &remainder);
  /* Half away from zero: round the magnitude up when 2·remainder ≥ den. */
  big_shift_in (&remainder, 0);
  if (big_compare (&remainder, &den) >= 0)
    {
      Big one;

      big_set_u64 (&one, 1);
      big_add (&quotient, &one);
    }
  big_set_u64 (&limit, G_MAXINT64);
  if (big_compare (&quotient, &limit) > 0)
    return FALSE;
  magnitude = (guint64) quotient.limb[0] | ((guint64) quotient.limb[1] << 32);
  *out = value < 0 ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}
