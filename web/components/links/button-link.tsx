import { Button, type ButtonProps } from '@mantine/core'
import { createLink } from '@tanstack/react-router'
import type { AnchorAttributes } from './anchor-attributes.js'

/** Mantine's Button as a router link, keeping the router's typed `to`, `params` and `search`. */
export const ButtonLink = /* @__PURE__ */ createLink((props: ButtonProps & AnchorAttributes) => (
  <Button component="a" {...props} />
))
