import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimalText, formatFigure, parseDecimalInput, sameDecimal } from './numbers';

const NBSP = '\u00a0';

describe('parseDecimalInput', () => {
  it('reads Swedish writing into the decimal text the API takes', () => {
    expect(parseDecimalInput('1 234,5')).toEqual({ ok: true, value: '1234.5' });
    expect(parseDecimalInput(`1${NBSP}234,5`)).toEqual({ ok: true, value: '1234.5' });
    expect(parseDecimalInput('1\u202f234')).toEqual({ ok: true, value: '1234' });
    expect(parseDecimalInput('12.5')).toEqual({ ok: true, value: '12.5' });
    expect(parseDecimalInput(' 0,25 ')).toEqual({ ok: true, value: '0.25' });
  });

  it('accepts both minus signs and drops zeros that say nothing', () => {
    expect(parseDecimalInput('-2 052')).toEqual({ ok: true, value: '-2052' });
    expect(parseDecimalInput('\u22122 052,50')).toEqual({ ok: true, value: '-2052.5' });
    expect(parseDecimalInput('007,000')).toEqual({ ok: true, value: '7' });
    expect(parseDecimalInput('-0,0')).toEqual({ ok: true, value: '0' });
  });

  it('reads an emptied cell as removing the value', () => {
    expect(parseDecimalInput('')).toEqual({ ok: true, value: null });
    expect(parseDecimalInput('   ')).toEqual({ ok: true, value: null });
  });

  it('refuses what is not a number', () => {
    for (const text of ['abc', '1,2,3', '1.234,5', '12 %', ',5', '5,', '--1', '1e5'])
      expect(parseDecimalInput(text)).toEqual({ ok: false, reason: 'notANumber' });
  });

  it('refuses more digits than the server stores', () => {
    expect(parseDecimalInput('1,1234567')).toEqual({ ok: false, reason: 'tooPrecise' });
    expect(parseDecimalInput('1234567890123456')).toEqual({ ok: false, reason: 'tooPrecise' });
    expect(parseDecimalInput('1,123456')).toEqual({ ok: true, value: '1.123456' });
  });

  it('gives back what formatDecimalText wrote (property)', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 999_999 }))
      .map(([neg, int, frac]) => {
        const f = String(frac).padStart(6, '0').replace(/0+$/, '');
        const text = `${int}${f ? `.${f}` : ''}`;
        return neg && text !== '0' ? `-${text}` : text;
      });
    fc.assert(
      fc.property(decimal, (text) => {
        expect(parseDecimalInput(formatDecimalText(text))).toEqual({ ok: true, value: text });
      }),
    );
  });
});

describe('formatDecimalText', () => {
  it('writes stored decimals the Swedish way, exactly', () => {
    expect(formatDecimalText('1234.5')).toBe(`1${NBSP}234,5`);
    expect(formatDecimalText('-2052.000')).toBe(`\u22122${NBSP}052`);
    expect(formatDecimalText('123456789012345.123456')).toBe(`123${NBSP}456${NBSP}789${NBSP}012${NBSP}345,123456`);
    expect(formatDecimalText('0.25')).toBe('0,25');
  });
});

describe('formatFigure', () => {
  it('shows one decimal at most, with the unit of measure', () => {
    expect(formatFigure(2.9, '%')).toBe(`2,9${NBSP}%`);
    expect(formatFigure(5.8042, '%')).toBe(`5,8${NBSP}%`);
    expect(formatFigure(1234.5)).toBe(`1${NBSP}234,5`);
    expect(formatFigure(-2052, 'tkr')).toBe(`\u22122${NBSP}052${NBSP}tkr`);
  });

  it('shows a missing figure as a dash', () => {
    expect(formatFigure(null, '%')).toBe('–');
  });
});

describe('sameDecimal', () => {
  it('compares numbers, not their writing', () => {
    expect(sameDecimal('12.50', '12.5')).toBe(true);
    expect(sameDecimal('12,5', '12.5')).toBe(true);
    expect(sameDecimal('12.5', '12.6')).toBe(false);
    expect(sameDecimal(null, null)).toBe(true);
    expect(sameDecimal(null, '0')).toBe(false);
  });
});
