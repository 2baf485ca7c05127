package dev.ironkube.dns.cloudflare;

/** Paging of a list answer. Older answers omit {@code totalPages}; every field is optional. */
public record CfResultInfo(
    Integer page, Integer perPage, Integer count, Integer totalCount, Integer totalPages) {}
