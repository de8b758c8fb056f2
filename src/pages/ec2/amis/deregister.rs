//! EC2 → AMIs → Deregister: the confirmation names the AMI and the snapshots it would leave
//! behind (they stay, and cost) or delete with it.

use crate::pages::ec2::amis::list::ami_label;
use crate::prelude::*;
use nubo_cloud::aws::ec2::Image;

form_dialog!(DeregisterDialog(image: Image) => DeregisterForm, |i, l| td_string!(l, ec2.deregister_title, name = ami_label(i)).to_string());

#[component]
fn DeregisterForm(scope: StoredValue<Scope>, image: Image, form: FormState) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let with_snapshots = RwSignal::new(true);
    let snapshots = image
        .snapshot_ids()
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .join(", ");
    let has_snapshots = !snapshots.is_empty();
    let (region, id) = (scope.with_value(|s| s.region.clone()), image.id.clone());
    let command = Signal::derive(move || {
        Cli::new("aws ec2 deregister-image")
            .option("--region", &region)
            .option("--image-id", &id)
            .flag_if(
                with_snapshots.get() && has_snapshots,
                "--delete-associated-snapshots",
            )
            .line()
    });
    let named = format!("{} ({})", ami_label(&image), image.id);
    let image = StoredValue::new(image);
    let submit = Callback::new(move |()| {
        let victim = image.get_value();
        let ec2 = scope.with_value(|s| accounts.ec2(s));
        let delete_snapshots = with_snapshots.get_untracked();
        let id = victim.id.clone();
        form.aws(
            "ec2:DeregisterImage",
            async move { ec2?.deregister_image(&id, delete_snapshots).await },
            move |()| {
                form.notify(
                    tu_string!(i18n, ec2.deregistered, name = ami_label(&victim)),
                    None,
                );
            },
        );
    });
    let label = Signal::derive(move || {
        t_string!(i18n, ec2.delete_its_snapshots, snapshots = &snapshots).to_string()
    });
    view! {
        <FormBody form label=tr!(i18n, ec2.deregister) busy_label=tr!(i18n, ec2.deregistering_busy) command danger=true on_submit=submit >
            <p>{t!(i18n, confirm.cannot_be_undone)}</p>
            <ul class="confirm-list">
                <li><strong>{named}</strong></li>
            </ul>
            <Show when=move || has_snapshots>
                <CheckField label name="delete-snapshots" value=with_snapshots />
            </Show>
        </FormBody>
    }
}
