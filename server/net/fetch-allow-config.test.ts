import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../config/config.js'

const config = (value?: string) =>
  loadConfig({
    TORGET_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'torget-fetch-')),
    ...(value === undefined ? {} : { TORGET_FETCH_ALLOW_PRIVATE: value }),
  })

describe('TORGET_FETCH_ALLOW_PRIVATE', () => {
  it('allows no private address unless told, then the ranges it names', () => {
    expect(config().fetchAllowPrivate).toEqual([])
    expect(config('false').fetchAllowPrivate).toEqual([])
    expect(config('10.20.0.0/16, fd00::/8').fetchAllowPrivate).toEqual(['10.20.0.0/16', 'fd00::/8'])
    expect(config('true').fetchAllowPrivate).toEqual(['0.0.0.0/0', '::/0'])
  })

  it('names the variable when a range is wrong', () => {
    expect(() => config('intranet')).toThrow(ConfigError)
    expect(() => config('intranet')).toThrow(/TORGET_FETCH_ALLOW_PRIVATE="intranet"/)
  })
})
