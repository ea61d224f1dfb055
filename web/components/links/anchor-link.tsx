import { Anchor, type AnchorProps } from '@mantine/core'
import { createLink } from '@tanstack/react-router'
import type { AnchorAttributes } from './anchor-attributes.js'

/** Mantine's Anchor as a router link, keeping the router's typed `to`, `params` and `search`. */
export const AnchorLink = /* @__PURE__ */ createLink((props: AnchorProps & AnchorAttributes) => (
  <Anchor component="a" {...props} />
))
