// Which bot serves a session (design §2: the registry's `accountId` picks the bot). MM_TOKEN's bot
// is the default account's; MM_ACCOUNT_TOKENS adds the others. An account the operator did not
// list still gets its status box — from the default bot — rather than none at all.

/** `account` is the bot to use (absent: MM_TOKEN's); `unlisted` names an account that fell back. */
export interface BotChoice {
  account?: string;
  unlisted?: string;
}

export function pickBot(accountId: string | undefined, listed: ReadonlySet<string>): BotChoice {
  if (accountId === undefined || accountId === 'default') return {};
  if (listed.has(accountId)) return { account: accountId };
  return { unlisted: accountId };
}
