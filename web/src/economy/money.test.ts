import { describe, expect, it } from 'vitest';
import { formatKronor, formatMnkr, formatShare, kronorJson, mnkrInputText, parseMnkrInput } from './money';

const NBSP = '\u00a0';

describe('money as boards read it', () => {
  it('shows mnkr with one decimal, a space between thousands and a real minus sign', () => {
    expect(formatMnkr(String(343_600_000))).toBe('343,6 mnkr');
    expect(formatMnkr(String(-146_600_000))).toBe('\u2212146,6 mnkr');
    expect(formatMnkr(String(491_000_000))).toBe('491,0 mnkr');
    expect(formatMnkr(String(1_234_567_890))).toBe(`1${NBSP}234,6 mnkr`);
    expect(formatMnkr(null)).toBe('–');
  });

  it('rounds the exact decimal half away from zero, never through a float', () => {
    expect(formatMnkr(String(302_950_000))).toBe('303,0 mnkr');
    expect(formatMnkr(String(302_949_999))).toBe('302,9 mnkr');
    expect(formatMnkr(String(-50_000))).toBe('\u22120,1 mnkr');
  });

  it('shows the exact kronor for a tooltip', () => {
    expect(formatKronor(String(302_945_678))).toBe(`302${NBSP}945${NBSP}678 kr`);
    expect(formatKronor(String(-4_100_000))).toBe(`\u22124${NBSP}100${NBSP}000 kr`);
    // 2^53 + 1, which a JSON number would have turned into …992.
    expect(formatKronor('9007199254740993')).toBe(`9${NBSP}007${NBSP}199${NBSP}254${NBSP}740${NBSP}993 kr`);
  });

  it('starts an input with the exact amount in mnkr, which reads back to the same kronor', () => {
    for (const kr of [0, 2_100_000, 2_345_678, -1_234_500_000, 301_991_666, 1]) {
      const text = mnkrInputText(String(kr));
      expect(parseMnkrInput(text)).toEqual({ ok: true, kronor: BigInt(kr) });
    }
    expect(mnkrInputText(String(2_345_678))).toBe('2,345678');
    expect(mnkrInputText(String(-1_234_500_000))).toBe(`\u22121${NBSP}234,5`);
    expect(mnkrInputText(null)).toBe('');
  });

  it('gives shares of a whole in percent with one decimal, exactly rounded', () => {
    expect(formatShare(String(491_000_000), String(558_000_000))).toBe(`88,0${NBSP}%`);
    expect(formatShare(String(1), String(3))).toBe(`33,3${NBSP}%`);
    expect(formatShare(String(2), String(3))).toBe(`66,7${NBSP}%`);
    expect(formatShare(String(-1), String(8))).toBe(`\u221212,5${NBSP}%`);
    expect(formatShare(String(0), String(8))).toBe(`0,0${NBSP}%`);
    expect(formatShare(String(5), String(0))).toBe('–');
  });
});

describe('parseMnkrInput', () => {
  it('reads a decimal comma or point as millions of kronor, exactly', () => {
    expect(parseMnkrInput('8,5')).toEqual({ ok: true, kronor: 8_500_000n });
    expect(parseMnkrInput('8.5')).toEqual({ ok: true, kronor: 8_500_000n });
    expect(parseMnkrInput(' 1 234,5 ')).toEqual({ ok: true, kronor: 1_234_500_000n });
    expect(parseMnkrInput(`1${NBSP}234`)).toEqual({ ok: true, kronor: 1_234_000_000n });
    expect(parseMnkrInput('0,000001')).toEqual({ ok: true, kronor: 1n });
    expect(parseMnkrInput('2,345678')).toEqual({ ok: true, kronor: 2_345_678n });
    // 0.1 + 0.2 is not 0.3 in floating point; here it is.
    expect(parseMnkrInput('0,3')).toEqual({ ok: true, kronor: 300_000n });
    expect(parseMnkrInput('9007199254,740993')).toEqual({ ok: true, kronor: 9_007_199_254_740_993n });
  });

  it('takes a typographic or hyphen minus', () => {
    expect(parseMnkrInput('\u22122,5')).toEqual({ ok: true, kronor: -2_500_000n });
    expect(parseMnkrInput('-2,5')).toEqual({ ok: true, kronor: -2_500_000n });
    expect(parseMnkrInput('-0')).toEqual({ ok: true, kronor: 0n });
  });

  it('accepts trailing zeros beyond the sixth decimal but not part of a krona', () => {
    expect(parseMnkrInput('1,50000000')).toEqual({ ok: true, kronor: 1_500_000n });
    expect(parseMnkrInput('1,0000001')).toEqual({ ok: false, reason: 'tooPrecise' });
  });

  it('refuses what is not a number, and says why', () => {
    expect(parseMnkrInput('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseMnkrInput('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseMnkrInput('8,5 mnkr')).toEqual({ ok: false, reason: 'notANumber' });
    expect(parseMnkrInput('1.234,5')).toEqual({ ok: false, reason: 'notANumber' });
    expect(parseMnkrInput('1e6')).toEqual({ ok: false, reason: 'notANumber' });
    expect(parseMnkrInput(',5')).toEqual({ ok: false, reason: 'notANumber' });
    expect(parseMnkrInput('1234567890123')).toEqual({ ok: false, reason: 'tooLarge' });
  });
});

describe('kronorJson', () => {
  it('sends a number while it is exact and the digits beyond that', () => {
    expect(kronorJson(8_500_000n)).toBe(8_500_000);
    expect(kronorJson(-3n)).toBe(-3);
    expect(kronorJson(9_007_199_254_740_993n)).toBe('9007199254740993');
  });
});
