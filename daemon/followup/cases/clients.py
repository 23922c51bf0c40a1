"""Which client a message belongs to, and which way it went. Pure: rules in, answer out."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.mail.model import ParsedMessage


@dataclass(frozen=True)
class ClientRule:
    name: str
    domains: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()


# Owners' domains are our side (a colleague is never a client), unless anyone can have an
# address there.
PUBLIC_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.net",
    "gmx.de", "mail.com", "yandex.com", "zoho.com", "fastmail.com", "online.no", "hotmail.no",
    "live.no", "outlook.dk", "hotmail.se", "telia.com", "azet.sk", "centrum.sk", "post.sk",
})


@dataclass(frozen=True)
class ClientRules:
    owners: frozenset[str]  # lower-case addresses
    clients: tuple[ClientRule, ...] = ()
    unknown_domains: str = "client"  # "client": a client named after the domain; "ignore": none
    ignore_domains: frozenset[str] = field(default_factory=frozenset)
    our_domains: frozenset[str] = field(default_factory=frozenset)  # colleagues: our side, not owners

    def ours(self, addr: str) -> bool:
        addr = addr.lower()
        return addr in self.owners or _in(addr.rpartition("@")[2], self.our_domains)

    def client_of(self, addr: str) -> str | None:
        addr = addr.lower()
        if not addr or self.ours(addr):
            return None
        for rule in self.clients:
            if addr in rule.addresses:
                return rule.name
        domain = addr.rpartition("@")[2]
        for rule in self.clients:
            if any(domain == d or domain.endswith("." + d) for d in rule.domains):
                return rule.name
        if self.unknown_domains == "ignore" or _in(domain, self.ignore_domains) or not domain:
            return None
        return domain


@dataclass(frozen=True)
class Placement:
    client: str | None
    direction: str  # "out" (an owner wrote), "in" (someone else wrote), "internal" (owners only)


def place(msg: ParsedMessage, rules: ClientRules) -> Placement:
    sender = msg.from_.addr if msg.from_ else ""
    if sender and rules.ours(sender):
        for recipient in (*msg.to, *msg.cc):
            client = rules.client_of(recipient.addr)
            if client is not None:
                return Placement(client, "out")
        others = [a for a in (*msg.to, *msg.cc) if not rules.ours(a.addr)]
        return Placement(None, "out" if others else "internal")
    return Placement(rules.client_of(sender), "in")


def rules_from_config(config) -> ClientRules:  # config: followup.config.Config
    owner_domains = {a.rpartition("@")[2].lower() for a in config.owners.addresses}
    return ClientRules(
        our_domains=frozenset(owner_domains - PUBLIC_MAIL_DOMAINS),
        owners=frozenset(a.lower() for a in config.owners.addresses),
        clients=tuple(
            ClientRule(c.name, tuple(d.lower() for d in c.domains), tuple(a.lower() for a in c.addresses))
            for c in config.clients
        ),
        unknown_domains=config.defaults.unknown_domains,
        ignore_domains=frozenset(d.lower() for d in config.defaults.ignore_domains),
    )


def _in(domain: str, domains: frozenset[str]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in domains)

