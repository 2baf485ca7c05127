package dev.ironkube.sim.talos;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.naming.NamingException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * apid's authorization on a configured node. The handshake already proved the client cert chains to
 * the OS CA; here, as Talos does, the roles come from the cert's Organization values and the EKU
 * list must be exactly [clientAuth] (Talos 1.12+ always, earlier with apidCheckExtKeyUsage).
 */
final class AdminRoles implements ServerInterceptor {
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final Set<String> ADMIN = Set.of("os:admin");
  private static final Set<String> OPERATOR = Set.of("os:admin", "os:operator");
  private static final Set<String> READER = Set.of("os:admin", "os:operator", "os:reader");
  // machined.go's rules for the etcd backup calls (talos v1.11.6), with the os:etcd:backup role.
  private static final Set<String> ETCD_BACKUP =
      Set.of("os:admin", "os:operator", "os:etcd:backup");
  private static final Set<String> ETCD_STATUS =
      Set.of("os:admin", "os:operator", "os:reader", "os:etcd:backup");

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Set<String> roles;
    try {
      roles = roles(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    } catch (IllegalArgumentException e) {
      call.close(Status.PERMISSION_DENIED.withDescription(e.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    Set<String> allowed = allowedRoles(method);
    if (roles.stream().noneMatch(allowed::contains)) {
      call.close(Status.PERMISSION_DENIED.withDescription("not authorized"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }

  /** The rule table of machined (shared/reference/talos.md, section 1.3). */
  static Set<String> allowedRoles(String fullMethod) {
    return switch (fullMethod) {
      case "machine.MachineService/Reboot" -> OPERATOR;
      case "machine.MachineService/EtcdSnapshot" -> ETCD_BACKUP;
      case "machine.MachineService/EtcdStatus" -> ETCD_STATUS;
      case "machine.MachineService/Version",
          "machine.MachineService/ServiceList",
          "machine.MachineService/EtcdMemberList",
          "storage.StorageService/Disks",
          "cosi.resource.State/Get",
          "cosi.resource.State/List" ->
          READER;
      default -> ADMIN;
    };
  }

  private static Set<String> roles(SSLSession session) {
    if (session == null) {
      throw new IllegalArgumentException("no TLS session");
    }
    X509Certificate leaf;
    try {
      leaf = (X509Certificate) session.getPeerCertificates()[0];
    } catch (SSLPeerUnverifiedException e) {
      throw new IllegalArgumentException("no client certificate");
    }
    try {
      List<String> eku = leaf.getExtendedKeyUsage();
      if (eku == null || !eku.equals(List.of(CLIENT_AUTH))) {
        throw new IllegalArgumentException(
            "certificate is missing the client auth extended key usage");
      }
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException("client certificate extensions are unreadable");
    }
    Set<String> roles = new HashSet<>();
    try {
      for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
        // Go puts several O values into one multi-valued RDN; read them all.
        var values = rdn.toAttributes().get("O");
        for (int i = 0; values != null && i < values.size(); i++) {
          roles.add(values.get(i).toString());
        }
      }
    } catch (NamingException e) {
      throw new IllegalArgumentException("client certificate subject is unreadable");
    }
    return roles;
  }
}
